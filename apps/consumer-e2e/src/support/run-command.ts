import { execFile } from 'node:child_process';

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; rejects with everything it printed when it exits non-zero. */
export function runCommand(command: string, args: string[], cwd: string): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`"${command} ${args.join(' ')}" failed in ${cwd}:\n${stdout}${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}
