import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@openai-monitoring/ai-app-testing';

export interface LocalServerOptions {
  /** For error messages, e.g. "Prometheus". */
  name: string;
  binary: string;
  /** Command line for a server listening on 127.0.0.1:`port`; `attempt` counts from 1. */
  args: (port: number, attempt: number) => string[];
  /** Answers 2xx once the server is ready, e.g. `/-/ready`. */
  readyPath: string;
  startupTimeoutMs?: number;
  /** Runs once the server has stopped, or when it could not start: e.g. deleting its temporary files. */
  cleanup?: () => void;
}

export interface LocalServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** SIGTERM, SIGKILL after 5 s; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 3;

/** Starts a server binary on a free 127.0.0.1 port and resolves once `readyPath` answers. */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const cleanup = options.cleanup ?? (() => undefined);
  let lastError: unknown;
  // The free port can be taken between allocation and bind: retry on a new one.
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(options.binary, options.args(port, attempt), { stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr = collectTail(child);
    try {
      await waitUntilReady(`${url}${options.readyPath}`, child, options.startupTimeoutMs ?? 20_000);
      return { url, port, stop: once(() => stopProcess(child).finally(cleanup)) };
    } catch (error) {
      await stopProcess(child);
      lastError = new Error(`${options.name} did not start: ${(error as Error).message}\n${stderr()}`);
    }
  }
  cleanup();
  throw lastError;
}

function collectTail(child: ChildProcess, maxChars = 8000): () => string {
  let output = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    output = (output + chunk).slice(-maxChars);
  });
  child.on('error', (error) => (output += `spawn failed: ${error.message}\n`));
  return () => output;
}

async function waitUntilReady(readyUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    }
    try {
      const response = await fetch(readyUrl);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
