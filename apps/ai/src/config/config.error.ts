export { ConfigError } from '@openai-monitoring/env-config';
