import request from 'supertest';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { useAppWithSimulator } from './support/app-with-simulator';

describe('auth on the built app', () => {
  const suite = useAppWithSimulator({ env: { AI_API_KEYS: `${AI_APP_TEST_KEY}, second-key` } });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong key', 'Bearer wrong-key'],
    ['a key without the Bearer scheme', AI_APP_TEST_KEY],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 to %s and never calls OpenAI', async (_case, authorization) => {
    const call = request(suite.app.url).post('/v1/summaries').send({ text: 'hello' });
    if (authorization !== undefined) call.set('Authorization', authorization);
    const response = await call.expect(401);
    expect(response.body.message).toMatch(/API key/);
    expect(suite.simulator.requestCount).toBe(0);
  });

  it('accepts every configured key', async () => {
    for (const key of [AI_APP_TEST_KEY, 'second-key']) {
      await request(suite.app.url).post('/v1/summaries').set('Authorization', `Bearer ${key}`).send({ text: 'hello' }).expect(200);
    }
    expect(suite.simulator.requestCount).toBe(2);
  });

  it('serves /metrics and /health without a key, and at the root path', async () => {
    const metrics = await request(suite.app.url).get('/metrics').expect(200);
    expect(metrics.text).toContain('# TYPE openai_api_requests_total counter');
    await request(suite.app.url).get('/health').expect(200, { status: 'ok' });
    await request(suite.app.url).get('/api/metrics').expect(404);
  });
});

describe('METRICS_TOKEN', () => {
  const suite = useAppWithSimulator({ env: { METRICS_TOKEN: 'scrape-token' } });

  it('requires the metrics token on /metrics once it is set', async () => {
    await request(suite.app.url).get('/metrics').expect(401);
    await request(suite.app.url).get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
    await request(suite.app.url).get('/metrics').set('Authorization', `Bearer ${AI_APP_TEST_KEY}`).expect(401);
    const ok = await request(suite.app.url).get('/metrics').set('Authorization', 'Bearer scrape-token').expect(200);
    expect(ok.text).toContain('openai_api_requests_total');
  });

  it('leaves /health open and does not accept the metrics token as an API key', async () => {
    await request(suite.app.url).get('/health').expect(200);
    await request(suite.app.url).post('/v1/summaries').set('Authorization', 'Bearer scrape-token').send({ text: 'x' }).expect(401);
  });
});
