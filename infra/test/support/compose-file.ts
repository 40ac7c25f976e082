import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { COMPOSE_FILE } from './infra-paths';

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  profiles?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  command?: string[];
  depends_on?: string[];
}

export interface ComposeFile {
  version?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readComposeFile(path = COMPOSE_FILE): ComposeFile {
  // `merge`: the replicas share the ai service through a YAML anchor and `<<:`.
  return parse(readFileSync(path, 'utf8'), { merge: true }) as ComposeFile;
}

/**
 * The host path a container path of `service` is bind-mounted from (short volume syntax), or undefined when
 * no bind mount covers it. Named volumes are ignored.
 */
export function hostPathOf(service: ComposeService, containerPath: string, composeFile = COMPOSE_FILE): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (!source.startsWith('.') && !isAbsolute(source)) continue;
    const inside = relative(target, containerPath);
    if (inside.startsWith('..') || isAbsolute(inside)) continue;
    return join(resolve(dirname(composeFile), source), inside);
  }
  return undefined;
}
