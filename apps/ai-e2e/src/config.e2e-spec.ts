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
  ])('fails fast naming the variable (%j)', async (env, message) => {
    const { code, output } = await runAiAppToExit(env as Record<string, string>);
    expect(code).not.toBe(0);
    expect(output).toMatch(message);
    expect(output).not.toContain('sk-test');
  });
});
