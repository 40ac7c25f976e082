import { readFileSync } from 'node:fs';

/** What the final stage of a Dockerfile gives its container: ENV, EXPOSE, CMD. */
export interface DockerfileRuntime {
  env: Record<string, string>;
  expose: number[];
  cmd: string[];
}

/** Reads the last stage's ENV (KEY=value pairs), EXPOSE and exec-form CMD; continuation lines are joined. */
export function readDockerfileRuntime(path: string): DockerfileRuntime {
  const instructions = readFileSync(path, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const lastFrom = instructions.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true);
  const runtime: DockerfileRuntime = { env: {}, expose: [], cmd: [] };
  for (const line of instructions.slice(lastFrom + 1)) {
    const [, keyword, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    switch (keyword?.toUpperCase()) {
      case 'ENV':
        for (const [, key, value] of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
          runtime.env[key] = value.replace(/^"|"$/g, '');
        }
        break;
      case 'EXPOSE':
        runtime.expose.push(...rest.split(/\s+/).map((port) => Number(port.split('/')[0])));
        break;
      case 'CMD':
        runtime.cmd = JSON.parse(rest) as string[];
        break;
    }
  }
  if (runtime.cmd.length === 0) throw new Error(`${path}: the final stage has no exec-form CMD`);
  return runtime;
}
