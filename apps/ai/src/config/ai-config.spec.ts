import { loadAiConfig } from './ai-config';
import { ConfigError } from './config.error';

const required = { OPENAI_API_KEY: 'sk-test', AI_API_KEYS: 'a' };

describe('loadAiConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadAiConfig(required);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3002,
      openai: { apiKey: 'sk-test', baseURL: undefined, model: 'gpt-4o-mini', timeoutMs: 60000 },
      retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8000 },
      apiKeys: ['a'],
      corsOrigins: [],
      metricsToken: undefined,
      metricsEnabled: true,
      pricing: undefined,
      throttle: { limit: 120, ttlMs: 60000 },
      shutdownGraceMs: 10000,
    });
  });

  it('reads every variable', () => {
    const config = loadAiConfig({
      ...required,
      PORT: '8080',
      HOST: '0.0.0.0',
      OPENAI_BASE_URL: 'http://127.0.0.1:4010/v1',
      OPENAI_MODEL: 'gpt-4o',
      OPENAI_TIMEOUT_MS: '1000',
      OPENAI_MAX_ATTEMPTS: '5',
      OPENAI_RETRY_BASE_DELAY_MS: '10',
      OPENAI_RETRY_MAX_DELAY_MS: '20',
      AI_API_KEYS: ' one , two ,',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      METRICS_TOKEN: 'scrape',
      OPENAI_METRICS_ENABLED: 'false',
      THROTTLE_LIMIT: '7',
      THROTTLE_TTL_MS: '1000',
      OPENAI_SHUTDOWN_GRACE_MS: '500',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      openai: { baseURL: 'http://127.0.0.1:4010/v1', model: 'gpt-4o', timeoutMs: 1000 },
      retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 20 },
      apiKeys: ['one', 'two'],
      corsOrigins: ['https://a.example', 'https://b.example'],
      metricsToken: 'scrape',
      metricsEnabled: false,
      throttle: { limit: 7, ttlMs: 1000 },
      shutdownGraceMs: 500,
    });
  });

  it.each([
    [{ AI_API_KEYS: 'a' }, 'OPENAI_API_KEY is required'],
    [{ OPENAI_API_KEY: 'k' }, 'AI_API_KEYS is required'],
    [{ ...required, AI_API_KEYS: ',,' }, 'AI_API_KEYS must list at least one value'],
    [{ ...required, PORT: '3002x' }, 'PORT must be a whole number'],
    [{ ...required, PORT: '70000' }, 'PORT must be between 0 and 65535'],
    [{ ...required, OPENAI_TIMEOUT_MS: '1.5' }, 'OPENAI_TIMEOUT_MS must be a whole number'],
    [{ ...required, OPENAI_MAX_ATTEMPTS: '0' }, 'OPENAI_MAX_ATTEMPTS must be between 1 and 20'],
    [{ ...required, THROTTLE_LIMIT: 'many' }, 'THROTTLE_LIMIT must be a whole number'],
    [{ ...required, OPENAI_METRICS_ENABLED: 'perhaps' }, 'OPENAI_METRICS_ENABLED must be true or false'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadAiConfig(env)).toThrow(ConfigError);
    expect(() => loadAiConfig(env)).toThrow(message);
  });

  it('never puts the API key in an error message', () => {
    expect(() => loadAiConfig({ OPENAI_API_KEY: 'sk-very-secret', AI_API_KEYS: 'a', PORT: 'x' })).toThrow(/^(?!.*sk-very-secret)/);
  });
});
