import { AI_APP_MAIN, runAiAppToExit } from '@openai-monitoring/ai-app-testing';

const valid = { OPENAI_API_KEY: 'sk-test', AI_API_KEYS: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };

describe('startup configuration of the built app', () => {
  it('exists as dist/apps/ai/main.js', () => {
    expect(AI_APP_MAIN).toMatch(/dist[/\\]apps[/\\]ai[/\\]main\.js$/);
  });

  it.each([
    [{ ...valid, OPENAI_API_KEY: '' }, /OPENAI_API_KEY is required/],
    [{ ...valid, AI_API_KEYS: '' }, /AI_API_KEYS is required/],
    [{ ...valid, AI_API_KEYS: ' , ' }, /AI_API_KEYS must list at least one/],
    [{ ...valid, PORT: 'abc' }, /PORT must be a whole number/],
    [{ ...valid, OPENAI_TIMEOUT_MS: '10s' }, /OPENAI_TIMEOUT_MS must be a whole number/],
    [{ ...valid, OPENAI_MAX_ATTEMPTS: '0' }, /OPENAI_MAX_ATTEMPTS must be between/],
    [{ ...valid, OPENAI_RETRY_BASE_DELAY_MS: '-5' }, /OPENAI_RETRY_BASE_DELAY_MS must be between/],
    [{ ...valid, OPENAI_RETRY_MAX_DELAY_MS: 'lots' }, /OPENAI_RETRY_MAX_DELAY_MS must be a whole number/],
    [{ ...valid, OPENAI_PRICING_FILE: '/nonexistent/prices.json' }, /OPENAI_PRICING_FILE/],
    [{ ...valid, OPENAI_METRICS_ENABLED: 'maybe' }, /OPENAI_METRICS_ENABLED must be true or false/],
    [{ ...valid, OPENAI_METRICS_EXEMPLARS: 'maybe' }, /OPENAI_METRICS_EXEMPLARS must be true or false/],
    [{ ...valid, AI_WORKERS: '0' }, /AI_WORKERS must be between 1 and/],
    [{ ...valid, OPENAI_DEPLOYMENTS: 'prod-mini' }, /OPENAI_DEPLOYMENTS entry 1 \("prod-mini"\) must be deployment=model/],
    [{ ...valid, OPENAI_BUDGETS: 'monthly:100:1y' }, /OPENAI_BUDGETS entry 1 \("monthly:100:1y"\) must have a window of 1h, 24h, 7d, 30d/],
    [{ ...valid, OPENAI_BUDGETS: 'monthly:-1:30d' }, /OPENAI_BUDGETS entry 1 .* must give a positive amount in USD/],
    [{ ...valid, OPENAI_BUDGETS: 'daily:5:24h:nobody' }, /OPENAI_BUDGETS budget "daily" is for tenant "nobody", which no AI_API_KEYS entry is named/],
    [{ ...valid, AI_API_KEYS: 'acme:' }, /AI_API_KEYS entry 1 has a name but no key/],
  ])('fails fast naming the variable (%j)', async (env, message) => {
    const { code, output } = await runAiAppToExit(env as Record<string, string>);
    expect(code).not.toBe(0);
    expect(output).toMatch(message);
    expect(output).not.toContain('sk-test');
  });

  it.each([
    ['an invalid name', 'k,bad name:key-value-4f2a91'],
    ['a repeated key', 'acme:key-value-4f2a91,beta:key-value-4f2a91'],
  ])('refuses AI_API_KEYS with %s without echoing any key', async (_case, keys) => {
    const { code, output } = await runAiAppToExit({ ...valid, AI_API_KEYS: keys });
    expect(code).not.toBe(0);
    expect(output).toMatch(/AI_API_KEYS entr(y|ies) \d/);
    expect(output).not.toContain('key-value-4f2a91');
    expect(output).not.toContain('bad name');
  });
});
