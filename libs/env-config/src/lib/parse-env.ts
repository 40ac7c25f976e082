import type { z } from 'zod';
import { ConfigError } from './config.error';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses `env` with a schema of `EnvField`s keyed by variable name. Throws one `ConfigError` listing
 * every problem, each as `<VARIABLE> <problem>`; values are only echoed where the field chose to.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')} ${issue.message}` : issue.message)).join('; '),
  );
}
