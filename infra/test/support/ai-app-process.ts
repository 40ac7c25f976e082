import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getFreePort } from './free-port';
import { REPO_ROOT } from './infra-paths';

/** The built ai app (`NX_DAEMON=false npx nx build ai`); the infra `test` target builds it first. */
export const AI_APP_MAIN = join(REPO_ROOT, 'dist', 'apps', 'ai', 'main.js');
/** The API key the app accepts with aiAppEnv(). */
export const AI_APP_API_KEY = 'infra-e2e-key';

/** Environment for the built ai app talking to an OpenAI-compatible server (the simulator) at `openaiBaseURL`. */
export function aiAppEnv(openaiBaseURL: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-infra-e2e',
    OPENAI_BASE_URL: openaiBaseURL,
    AI_API_KEYS: AI_APP_API_KEY,
    OPENAI_RETRY_BASE_DELAY_MS: '10',
    OPENAI_RETRY_MAX_DELAY_MS: '50',
    OPENAI_TIMEOUT_MS: '5000',
    THROTTLE_LIMIT: '1000000',
    ...overrides,
  };
}

export interface RunningAiApp {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** host:port to put in a scrape config. */
  target: string;
  /** What the process wrote to stdout and stderr (the last 16 000 characters). */
  output(): string;
  /** SIGTERM (SIGKILL after a grace period), then resolves. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartAiAppOptions {
  startupTimeoutMs?: number;
}

const MAX_ATTEMPTS = 3;

/**
 * Runs `node dist/apps/ai/main.js` with HOST=127.0.0.1 on a free port and resolves once it logged that it listens
 * there and /health answers.
 * `env` replaces the parent's environment (PATH aside), so nothing from the developer's shell leaks in.
 */
export async function startAiApp(
  env: Record<string, string>,
  { startupTimeoutMs = 20_000 }: StartAiAppOptions = {},
): Promise<RunningAiApp> {
  if (!existsSync(AI_APP_MAIN)) throw new Error(`${AI_APP_MAIN} is missing: run "NX_DAEMON=false npx nx build ai"`);
  let lastError: unknown;
  // The free port can be taken between allocation and bind: retry on a new one.
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const port = await getFreePort();
    const child = spawn(process.execPath, [AI_APP_MAIN], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collectOutput(child);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(url, child, output, port, startupTimeoutMs);
      return { url, target: `127.0.0.1:${port}`, output, stop: once(() => stopProcess(child)) };
    } catch (error) {
      await stopProcess(child);
      lastError = new Error(`the ai app did not start: ${(error as Error).message}\n${output()}`);
    }
  }
  throw lastError;
}

function collectOutput(child: ChildProcess, maxChars = 16_000): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-maxChars);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

/**
 * Ready = the app logged that it listens on `port` and /health answers. The log line proves that this child, not
 * some other process that grabbed the same free port, answers there.
 */
async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const listening = new RegExp(`listening on http://127\\.0\\.0\\.1:${port}\\b`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    }
    if (listening.test(output())) {
      try {
        const response = await fetch(`${url}/health`);
        if (response.ok) return;
      } catch {
        // Not accepting connections yet.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no "listening on ${url}" log line and /health answer within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
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
