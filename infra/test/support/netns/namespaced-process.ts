import { type ChildProcess, spawn } from 'node:child_process';

export interface NamespacedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (null after a signal) once the process has exited. */
  readonly exited: Promise<number | null>;
  /** The last 64 000 characters of stdout and stderr. */
  output(): string;
  /** SIGTERM, SIGKILL after `graceMs`; resolves once it has exited. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

export interface NamespacedCommand {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Extra file descriptors handed to the child from fd 3 on. */
  fds?: number[];
}

/** `ip netns exec <namespace> argv…`: ip execs the command, so the child's pid is the command's. */
export function spawnInNamespace(name: string, namespace: string, command: NamespacedCommand): NamespacedProcess {
  const child = spawn('ip', ['netns', 'exec', namespace, ...command.argv], {
    cwd: command.cwd,
    env: command.env,
    stdio: ['ignore', 'pipe', 'pipe', ...(command.fds ?? [])],
  });
  let output = '';
  const append = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-64_000));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.on('error', (error) => append(Buffer.from(`spawn failed: ${error.message}\n`)));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000) =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killTimer);
    })());
  return { name, child, exited, output: () => output, stop };
}
