import { spawn } from 'node:child_process';

export interface NodeProcess {
  /** The capture groups of the line that announced readiness. */
  readonly ready: RegExpMatchArray;
  output(): string;
  /** SIGTERM, SIGKILL after 5 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Runs `node script` and resolves once its output matches `ready` (e.g. a "listening on <url>" line
 * printed after binding port 0, so no port is ever raced for). `env` replaces the parent's
 * environment, PATH aside.
 */
export function startNodeProcess(
  script: string,
  options: { cwd: string; env: Record<string, string>; ready: RegExp; timeoutMs?: number },
): Promise<NodeProcess> {
  const child = spawn(process.execPath, [script], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(kill);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no line matching ${options.ready} within ${options.timeoutMs ?? 20_000} ms`), options.timeoutMs ?? 20_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`node ${script} did not start: ${why}\n${output}`)));
    };
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-64_000);
      const ready = options.ready.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ ready, output: () => output, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
  });
}
