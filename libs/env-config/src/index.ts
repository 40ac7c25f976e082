export { ConfigError } from './lib/config.error';
export { type Env, parseEnv } from './lib/parse-env';
export {
  type EnvField,
  type Fail,
  type IntegerBounds,
  type ListOptions,
  envBoolean,
  envField,
  envInteger,
  envList,
  envNumber,
  envRequired,
  envText,
} from './lib/env-field';
