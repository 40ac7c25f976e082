import { parse } from 'yaml';
import { COMPOSE_FILE } from '../infra-paths';
import { runTool } from '../run-tool';

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
}

export interface VolumeMount {
  /** Absolute host path of a bind mount, or the name of a named volume. */
  source: string;
  kind: 'bind' | 'volume';
  target: string;
}

/** A service as `docker-compose config` resolves it: variables interpolated, paths absolute. */
export interface ResolvedService {
  name: string;
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment: Record<string, string>;
  ports: PublishedPort[];
  expose: number[];
  volumes: VolumeMount[];
  profiles: string[];
}

interface ConfigOutput {
  services: Record<
    string,
    {
      image?: string;
      build?: { context: string; dockerfile: string };
      command?: string[] | string;
      environment?: Record<string, string | number | null>;
      ports?: string[];
      expose?: (string | number)[];
      volumes?: string[];
      profiles?: string[];
    }
  >;
}

/**
 * The services of infra/docker-compose.yml that `--profile <p>` … would start, resolved by docker-compose itself
 * (`config`) from `variables` alone, as compose resolves `${VAR:-default}` from the shell of whoever runs it.
 */
export function resolveComposeServices(
  variables: Record<string, string>,
  profiles: string[],
  composeFile = COMPOSE_FILE,
): ResolvedService[] {
  const args = ['-f', composeFile, ...profiles.flatMap((profile) => ['--profile', profile]), 'config'];
  const result = runTool('docker-compose', args, { env: { PATH: process.env['PATH'] ?? '', ...variables } });
  if (result.status !== 0) throw new Error(`docker-compose config failed:\n${result.report}`);
  const config = parse(result.stdout) as ConfigOutput;
  return Object.entries(config.services)
    .filter(([, service]) => !service.profiles || service.profiles.some((profile) => profiles.includes(profile)))
    .map(([name, service]) => ({
      name,
      image: service.image,
      build: service.build,
      command: typeof service.command === 'string' ? service.command.split(/\s+/) : service.command,
      environment: Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value ?? '')])),
      ports: (service.ports ?? []).map(parsePort),
      expose: (service.expose ?? []).map((port) => Number(String(port).split('/')[0])),
      volumes: (service.volumes ?? []).map(parseVolume),
      profiles: service.profiles ?? [],
    }));
}

/** `127.0.0.1:3002:3002/tcp`, the form docker-compose config prints. */
function parsePort(text: string): PublishedPort {
  const match = /^(?:([\d.]+):)?(\d+):(\d+)(?:\/tcp)?$/.exec(text);
  if (!match) throw new Error(`unsupported port mapping "${text}" (only hostIp:hostPort:containerPort/tcp)`);
  return { hostIp: match[1] ?? '0.0.0.0', hostPort: Number(match[2]), containerPort: Number(match[3]) };
}

function parseVolume(text: string): VolumeMount {
  const [source, target] = text.split(':');
  return { source, target, kind: source.startsWith('/') ? 'bind' : 'volume' };
}
