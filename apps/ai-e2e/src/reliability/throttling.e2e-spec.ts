import { postJson } from '@openai-monitoring/ai-app-testing';
import { AI_ROUTES } from './support/routes';
import { useAppWithSimulator } from '../support/app-with-simulator';

const LIMIT = 3;
const KEYS = ['key-one', 'key-two', 'key-three', 'key-four'];

describe('rate limiting per API key', () => {
  const suite = useAppWithSimulator({ env: { AI_API_KEYS: KEYS.join(','), THROTTLE_LIMIT: String(LIMIT), THROTTLE_TTL_MS: '60000' } });

  const [summaries] = AI_ROUTES;

  it(`answers the request past THROTTLE_LIMIT with 429 and Retry-After, before any upstream call`, async () => {
    for (let i = 0; i < LIMIT; i++) expect((await postJson(suite.app.url, summaries.path, summaries.body, 'key-one')).status).toBe(200);
    expect(suite.simulator.requestCount).toBe(LIMIT);

    const throttled = await postJson(suite.app.url, summaries.path, summaries.body, 'key-one');
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(JSON.parse(throttled.text)).toEqual({ statusCode: 429, message: expect.stringMatching(/too many requests/i) });
    expect(suite.simulator.requestCount).toBe(LIMIT);
  });

  it('counts one budget per key across all protected routes', async () => {
    const answers: number[] = [];
    for (const route of [...AI_ROUTES, summaries]) answers.push((await postJson(suite.app.url, route.path, route.body, 'key-two')).status);
    expect(answers).toEqual([200, 200, 200, 429]);
    expect(suite.simulator.requestCount).toBe(LIMIT);
  });

  it('keeps other keys unaffected by a throttled one', async () => {
    for (let i = 0; i <= LIMIT; i++) await postJson(suite.app.url, summaries.path, summaries.body, 'key-three');
    expect((await postJson(suite.app.url, summaries.path, summaries.body, 'key-three')).status).toBe(429);
    expect((await postJson(suite.app.url, summaries.path, summaries.body, 'key-four')).status).toBe(200);
  });

  it('does not throttle /health or /metrics', async () => {
    for (let i = 0; i < LIMIT * 4; i++) {
      expect((await fetch(`${suite.app.url}/health`)).status).toBe(200);
      expect((await fetch(`${suite.app.url}/metrics`)).status).toBe(200);
    }
  });

  it('authenticates before it throttles: a wrong key is told 401, not 429', async () => {
    for (let i = 0; i < LIMIT + 2; i++) expect((await postJson(suite.app.url, summaries.path, summaries.body, 'not-a-key')).status).toBe(401);
    expect(suite.simulator.requestCount).toBe(0);
  });
});
