import request from 'supertest';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { useAppWithSimulator } from './support/app-with-simulator';

describe('CORS on the built app', () => {
  const allowed = 'https://console.example.com';
  const suite = useAppWithSimulator({ env: { CORS_ORIGINS: `${allowed},https://other.example.com` } });

  it('serves requests without an Origin (Prometheus, curl) with no CORS headers', async () => {
    const metrics = await request(suite.app.url).get('/metrics').expect(200);
    expect(metrics.headers['access-control-allow-origin']).toBeUndefined();
    const health = await request(suite.app.url).get('/health').expect(200);
    expect(health.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('grants a listed browser origin', async () => {
    const response = await request(suite.app.url).get('/health').set('Origin', allowed).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(allowed);
    const preflight = await request(suite.app.url)
      .options('/v1/summaries')
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/i);
  });

  it.each(['/health', '/metrics', '/v1/summaries'])('gives an unlisted origin no CORS grant on %s', async (path) => {
    const response = await request(suite.app.url)
      .post(path)
      .set('Origin', 'https://evil.example.com')
      .set('Authorization', `Bearer ${AI_APP_TEST_KEY}`)
      .send({ text: 'x' });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(suite.app.url).options(path).set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
