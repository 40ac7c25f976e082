import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');
export const AI_MAIN = join(WORKSPACE_ROOT, 'dist', 'apps', 'ai', 'main.js');
export const TEST_API_KEY = 'e2e-key';

/** A free loopback port (the OS picks it; the listener is closed before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface AiAppProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then resolves with the exit code (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Base environment for the built ai app talking to a simulator at `baseURL`. */
export function aiEnv(baseURL: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-e2e-secret-key',
    OPENAI_BASE_URL: baseURL,
    AI_API_KEYS: TEST_API_KEY,
    OPENAI_RETRY_BASE_DELAY_MS: '20',
    OPENAI_RETRY_MAX_DELAY_MS: '100',
    OPENAI_TIMEOUT_MS: '2000',
    THROTTLE_LIMIT: '1000000',
    ...overrides,
  };
}

/** Runs `node dist/apps/ai/main.js` on a free loopback port and waits until /health answers. */
export async function startAiApp(env: Record<string, string>): Promise<AiAppProcess> {
  if (!existsSync(AI_MAIN)) throw new Error(`${AI_MAIN} is missing: run "npx nx build ai" first`);
  const port = env['PORT'] ? Number(env['PORT']) : await freePort();
  const child = spawn(process.execPath, [AI_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, exited, () => output);
  return {
    url,
    port,
    child,
    exited,
    output: () => output,
    async stop(timeoutMs = 15000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs the built app expecting it to exit on its own (e.g. on bad configuration). */
export function runAiAppToExit(env: Record<string, string>, timeoutMs = 15000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AI_MAIN], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function waitForHealth(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the ai app exited with ${exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the ai app did not become healthy:\n${output()}`);
}
