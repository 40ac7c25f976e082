// Child processes of the bench: one-shot measurement children and long-running servers (simulator,
// ai app). Every child is tracked and killed when the bench ends, however it ends.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const live = new Set();

function track(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Kills every child still running (SIGKILL: nothing of theirs needs a graceful end). */
export function killAll() {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Runs `node [nodeArgs] script [args]` to completion and returns its BENCH_RESULT object. */
export function runChild(root, script, args = [], { nodeArgs = [], env = {}, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(process.execPath, [...nodeArgs, script, ...args], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`${script} ${args.join(' ')} failed (${code ?? signal}):\n${stderr || stdout}`));
        return;
      }
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
    });
  });
}

/** A free loopback port (the OS picks it; the listener is closed before use). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a long-running node process and resolves once `ready(output)` returns a truthy value
 * (checked on every output chunk) or `probe()` succeeds.
 */
export function startServer(root, name, script, env, { ready, probe, timeoutMs = 30_000, nodeArgs = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(process.execPath, [...nodeArgs, script], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let output = '';
    let settled = false;
    const done = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else {
        resolve(value);
      }
    };
    const server = {
      name,
      child,
      output: () => output,
      stop() {
        return new Promise((res) => {
          if (child.exitCode !== null || child.signalCode !== null) return res();
          child.once('exit', () => res());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
      },
    };
    const check = (chunk) => {
      output += chunk;
      const value = ready?.(output);
      if (value) done(undefined, Object.assign(server, value));
    };
    child.stdout.on('data', check);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code, signal) => done(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output}`)));
    const timer = setTimeout(() => done(new Error(`${name} was not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const poll = probe
      ? setInterval(async () => {
          try {
            if (await probe()) done(undefined, server);
          } catch {
            // not up yet
          }
        }, 100)
      : undefined;
  });
}
