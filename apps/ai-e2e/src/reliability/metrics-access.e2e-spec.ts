import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { AI_ROUTES } from './support/routes';
import { useAppWithSimulator } from '../support/app-with-simulator';

const METRICS_TOKEN = 'scrape-token-from-a-credentials-file';
const LISTED = 'https://console.example.com';
const UNLISTED = 'https://evil.example.com';

interface RouteCall {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Every route, with the request that reaches it; some answer errors, which must not grant CORS either. */
const EVERY_ROUTE: RouteCall[] = [
  { name: 'GET /health', method: 'GET', path: '/health', headers: {} },
  { name: 'GET /metrics with the token', method: 'GET', path: '/metrics', headers: { Authorization: `Bearer ${METRICS_TOKEN}` } },
  { name: 'GET /metrics without the token (401)', method: 'GET', path: '/metrics', headers: {} },
  ...AI_ROUTES.map((route) => ({
    name: `POST ${route.path}`,
    method: 'POST',
    path: route.path,
    headers: { Authorization: `Bearer ${AI_APP_TEST_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(route.body),
  })),
  { name: 'POST /v1/summaries without a key (401)', method: 'POST', path: '/v1/summaries', headers: { 'Content-Type': 'application/json' }, body: '{"text":"no key"}' },
  { name: 'GET /no-such-route (404)', method: 'GET', path: '/no-such-route', headers: {} },
];

describe('metrics access and CORS with METRICS_TOKEN and CORS_ORIGINS set', () => {
  const suite = useAppWithSimulator({ env: { METRICS_TOKEN, CORS_ORIGINS: LISTED } });

  it('serves a Prometheus scrape: no Origin, the bearer token, text exposition', async () => {
    const response = await fetch(`${suite.app.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}`, Accept: 'text/plain' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).toContain('# TYPE openai_api_requests_total counter');
  });

  it.each([
    ['no Authorization header', undefined],
    ['the token in another scheme', `Basic ${METRICS_TOKEN}`],
    ['an API key', `Bearer ${AI_APP_TEST_KEY}`],
    ['a truncated token', `Bearer ${METRICS_TOKEN.slice(0, -1)}`],
  ])('answers 401 on /metrics to %s, with a body that gives nothing away', async (_case, authorization) => {
    const response = await fetch(`${suite.app.url}/metrics`, { headers: authorization ? { Authorization: authorization } : {} });
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain('openai_api_');
    expect(text).not.toContain(METRICS_TOKEN);
  });

  it.each(EVERY_ROUTE)('gives an unlisted browser origin no CORS grant on $name', async ({ method, path, headers, body }) => {
    const response = await fetch(`${suite.app.url}${path}`, { method, headers: { ...headers, Origin: UNLISTED }, body });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${suite.app.url}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: UNLISTED, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(AI_ROUTES.map((route) => route.path))('grants the listed origin on %s', async (path) => {
    const preflight = await fetch(`${suite.app.url}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: LISTED, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(LISTED);
  });
});
