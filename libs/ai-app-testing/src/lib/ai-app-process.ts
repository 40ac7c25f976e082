import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './free-port';
import { AI_APP_MAIN, WORKSPACE_ROOT } from './workspace-paths';

export interface AiAppProcess {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** host:port, for a scrape config. */
  readonly target: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** What the process wrote to stdout and stderr (the last 64 000 characters). */
  output(): string;
  /** SIGTERM (SIGKILL after `graceMs`), then resolves with the exit code. Safe to call twice. */
  stop(graceMs?: number): Promise<number | null>;
}

const START_ATTEMPTS = 3;

/**
 * Runs `node dist/apps/ai/main.js` on a free 127.0.0.1 port and resolves once it has logged that it
 * listens there and /health answers. `env` replaces the parent's environment (PATH aside), so nothing
 * from the developer's shell leaks in.
 */
export async function startAiApp(env: Record<string, string>, startupTimeoutMs = 20_000): Promise<AiAppProcess> {
  assertBuilt();
  let lastError: unknown;
  // A free port can be taken between allocation and bind: retry on a new one.
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const port = await freePort();
    const app = spawnApp({ ...env, PORT: String(port) }, port);
    try {
      await waitUntilReady(app, startupTimeoutMs);
      return app;
    } catch (error) {
      await app.stop();
      lastError = new Error(`the ai app did not start: ${(error as Error).message}\n${app.output()}`);
    }
  }
  throw lastError;
}

/** Runs the built app expecting it to exit on its own (e.g. on bad configuration). */
export async function runAiAppToExit(env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; output: string }> {
  assertBuilt();
  const app = spawnApp({ PORT: '0', ...env }, 0);
  const timer = setTimeout(() => app.child.kill('SIGKILL'), timeoutMs);
  const code = await app.exited;
  clearTimeout(timer);
  if (app.child.signalCode === 'SIGKILL') throw new Error(`the app did not exit within ${timeoutMs} ms:\n${app.output()}`);
  return { code, output: app.output() };
}

function assertBuilt(): void {
  if (!existsSync(AI_APP_MAIN)) throw new Error(`${AI_APP_MAIN} is missing: run "NX_DAEMON=false npx nx build ai" first`);
}

function spawnApp(env: Record<string, string>, port: number): AiAppProcess {
  const child = spawn(process.execPath, [AI_APP_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-64_000));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<number | null> | undefined;
  const stop = (graceMs = 15_000) =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      const code = await exited;
      clearTimeout(killTimer);
      return code;
    })());
  return { url: `http://127.0.0.1:${port}`, port, target: `127.0.0.1:${port}`, child, exited, output: () => output, stop };
}

/** The log line proves that this child, not some other process that took the same port, answers there. */
async function waitUntilReady(app: AiAppProcess, timeoutMs: number): Promise<void> {
  const listening = new RegExp(`listening on http://127\\.0\\.0\\.1:${app.port}\\b`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) {
      throw new Error(`exited with ${app.child.exitCode ?? app.child.signalCode}`);
    }
    if (listening.test(app.output())) {
      try {
        if ((await fetch(`${app.url}/health`)).ok) return;
      } catch {
        // not accepting connections yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no "listening on ${app.url}" log line and /health answer within ${timeoutMs} ms`);
}
