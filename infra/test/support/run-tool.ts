import { spawnSync } from 'node:child_process';

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Command line and output, for assertion messages. */
  report: string;
}

/** Runs a command line tool to completion; never throws for a non-zero exit, so tests can assert on it. */
export function runTool(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): ToolResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
  });
  const stdout = result.stdout ?? '';
  const stderr = result.error ? `${result.stderr ?? ''}${String(result.error)}` : (result.stderr ?? '');
  return {
    status: result.status,
    stdout,
    stderr,
    report: `$ ${command} ${args.join(' ')}\nexit ${result.status}\n${stdout}${stderr}`,
  };
}
