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
      apiKeys: [{ name: 'default', key: 'a' }],
      corsOrigins: [],
      metricsToken: undefined,
      metricsEnabled: true,
      pricing: undefined,
      deployments: {},
      budgets: [],
      exemplars: false,
      workers: 1,
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
      AI_API_KEYS: ' one , acme:two , acme:three,beta.1:four',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      METRICS_TOKEN: 'scrape',
      OPENAI_METRICS_ENABLED: 'false',
      THROTTLE_LIMIT: '7',
      THROTTLE_TTL_MS: '1000',
      OPENAI_SHUTDOWN_GRACE_MS: '500',
      OPENAI_DEPLOYMENTS: 'prod-4o=gpt-4o, mini = gpt-4o-mini',
      OPENAI_BUDGETS: 'all:100:30d, acme-daily:2.5:24h:acme',
      OPENAI_METRICS_EXEMPLARS: 'true',
      AI_WORKERS: '4',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      openai: { baseURL: 'http://127.0.0.1:4010/v1', model: 'gpt-4o', timeoutMs: 1000 },
      retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 20 },
      apiKeys: [
        { name: 'default', key: 'one' },
        { name: 'acme', key: 'two' },
        { name: 'acme', key: 'three' },
        { name: 'beta.1', key: 'four' },
      ],
      deployments: { 'prod-4o': 'gpt-4o', mini: 'gpt-4o-mini' },
      budgets: [
        { name: 'all', usd: 100, window: '30d' },
        { name: 'acme-daily', usd: 2.5, window: '24h', tenant: 'acme' },
      ],
      exemplars: true,
      workers: 4,
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
    [{ ...required, OPENAI_METRICS_EXEMPLARS: 'on' }, 'OPENAI_METRICS_EXEMPLARS must be true or false'],
    [{ ...required, AI_WORKERS: '0' }, 'AI_WORKERS must be between 1 and'],
    [{ ...required, AI_WORKERS: 'two' }, 'AI_WORKERS must be a whole number'],
    [{ ...required, OPENAI_DEPLOYMENTS: 'prod-4o' }, 'OPENAI_DEPLOYMENTS entry 1 ("prod-4o") must be deployment=model'],
    [{ ...required, OPENAI_DEPLOYMENTS: 'a=gpt-4o,b=' }, 'OPENAI_DEPLOYMENTS entry 2 ("b=") must be deployment=model'],
    [{ ...required, OPENAI_DEPLOYMENTS: 'a=gpt-4o,a=gpt-4o-mini' }, 'OPENAI_DEPLOYMENTS names deployment "a" twice'],
    [{ ...required, OPENAI_BUDGETS: 'all:100' }, 'OPENAI_BUDGETS entry 1 ("all:100") must be name:usd:window[:tenant]'],
    [{ ...required, OPENAI_BUDGETS: 'all:100:30d:x:y' }, 'OPENAI_BUDGETS entry 1 ("all:100:30d:x:y") must be name:usd:window[:tenant]'],
    [{ ...required, OPENAI_BUDGETS: 'a b:100:30d' }, 'OPENAI_BUDGETS entry 1 ("a b:100:30d") has a name that does not match'],
    [{ ...required, OPENAI_BUDGETS: 'all:0:30d' }, 'OPENAI_BUDGETS entry 1 ("all:0:30d") must give a positive amount in USD, got "0"'],
    [{ ...required, OPENAI_BUDGETS: 'all:-5:30d' }, 'must give a positive amount in USD, got "-5"'],
    [{ ...required, OPENAI_BUDGETS: 'all:1e999:30d' }, 'must give a positive amount in USD, got "1e999"'],
    [{ ...required, OPENAI_BUDGETS: 'all:ten:30d' }, 'must give a positive amount in USD, got "ten"'],
    [{ ...required, OPENAI_BUDGETS: 'ok:1:1h,all:5:1w' }, 'OPENAI_BUDGETS entry 2 ("all:5:1w") must have a window of 1h, 24h, 7d, 30d, got "1w"'],
    [{ ...required, OPENAI_BUDGETS: 'all:5:1h:' }, 'OPENAI_BUDGETS entry 1 ("all:5:1h:") has a tenant that does not match'],
    [{ ...required, OPENAI_BUDGETS: 'all:5:1h,all:6:24h' }, 'OPENAI_BUDGETS has budget "all" twice'],
    [{ ...required, AI_API_KEYS: 'acme:k', OPENAI_BUDGETS: 'd:5:1h:acme,d:6:24h:acme' }, 'OPENAI_BUDGETS has budget "d" for tenant "acme" twice'],
    [{ ...required, OPENAI_BUDGETS: 'd:5:1h:acme' }, 'OPENAI_BUDGETS budget "d" is for tenant "acme", which no AI_API_KEYS entry is named'],
    [{ ...required, AI_API_KEYS: 'a,bad name:k' }, 'AI_API_KEYS entry 2 has an invalid name: write name:key with a name matching ^[A-Za-z0-9_.-]{1,64}$'],
    [{ ...required, AI_API_KEYS: `${'n'.repeat(65)}:k` }, 'AI_API_KEYS entry 1 has an invalid name'],
    [{ ...required, AI_API_KEYS: 'acme:' }, 'AI_API_KEYS entry 1 has a name but no key (name:key)'],
    [{ ...required, AI_API_KEYS: 'k1,acme:k2,beta:k1' }, 'AI_API_KEYS entries 1 and 3 hold the same key'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadAiConfig(env)).toThrow(ConfigError);
    expect(() => loadAiConfig(env)).toThrow(message);
  });

  it('never puts the API key in an error message', () => {
    expect(() => loadAiConfig({ OPENAI_API_KEY: 'sk-very-secret', AI_API_KEYS: 'a', PORT: 'x' })).toThrow(/^(?!.*sk-very-secret)/);
  });

  it.each([
    ['an invalid name', 'key-secret-1,not valid:key-secret-2'],
    ['a bare key with a colon', 'key-secret-1,part/of:key-secret-2'],
    ['a repeated key', 'key-secret-1,acme:key-secret-1'],
  ])('never echoes an AI_API_KEYS entry with %s', (_case, keys) => {
    expect(() => loadAiConfig({ ...required, AI_API_KEYS: keys })).toThrow(/^AI_API_KEYS (?!.*(key-secret|part\/of|not valid))/);
  });

  it('reports every bad variable in one error', () => {
    expect(() => loadAiConfig({ ...required, PORT: 'x', OPENAI_BUDGETS: 'b:1:2h', AI_API_KEYS: 'acme:' })).toThrow(
      /PORT must be a whole number.*; OPENAI_BUDGETS entry 1.*; AI_API_KEYS entry 1/,
    );
  });
});
