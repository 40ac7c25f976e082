import { postJson } from '@openai-monitoring/ai-app-testing';
import { AI_ROUTES } from './reliability/support/routes';
import { useAppWithSimulator } from './support/app-with-simulator';
import { ScrapedMetrics } from './support/scraped-metrics';

// Distinctive key values: if one shows up in /metrics or a log line, it leaked.
const ACME_KEY = 'acme-key-value-71c3e0';
const ACME_SECOND_KEY = 'acme-key-value-2-9d04aa';
const BETA_KEY = 'beta-key-value-5b2f18';
const BARE_KEY = 'bare-key-value-e64d37';
const KEYS = [ACME_KEY, ACME_SECOND_KEY, BETA_KEY, BARE_KEY];

describe('tenants from named API keys, and budgets, on the built app', () => {
  const suite = useAppWithSimulator({
    env: {
      AI_API_KEYS: `acme:${ACME_KEY}, acme:${ACME_SECOND_KEY}, beta:${BETA_KEY}, ${BARE_KEY}`,
      OPENAI_BUDGETS: 'all-monthly:100:30d, acme-daily:2.5:24h:acme',
    },
  });
  const [summaries] = AI_ROUTES;
  const tenantRequests = async (tenant: string) =>
    (await ScrapedMetrics.of(suite.app.url)).value('openai_api_tenant_requests_total', { tenant, status: 'success' });

  it('counts each request under the name of the key that made it; a bare key is tenant "default"', async () => {
    const before = await ScrapedMetrics.of(suite.app.url);
    for (const key of [ACME_KEY, ACME_SECOND_KEY, BETA_KEY, BARE_KEY]) {
      expect((await postJson(suite.app.url, summaries.path, summaries.body, key)).status).toBe(200);
    }
    const after = await ScrapedMetrics.of(suite.app.url);
    const change = (tenant: string) =>
      after.value('openai_api_tenant_requests_total', { tenant, status: 'success' }) -
      before.value('openai_api_tenant_requests_total', { tenant, status: 'success' });
    expect({ acme: change('acme'), beta: change('beta'), default: change('default') }).toEqual({ acme: 2, beta: 1, default: 1 });
    expect(suite.simulator.requestCount).toBe(4);
  });

  it('keeps streams and every route under their tenant', async () => {
    const before = await tenantRequests('beta');
    for (const route of AI_ROUTES) expect((await postJson(suite.app.url, route.path, route.body, BETA_KEY)).status).toBe(200);
    expect((await tenantRequests('beta')) - before).toBe(AI_ROUTES.length);
  });

  it('records nothing for a request refused for its key', async () => {
    const before = await ScrapedMetrics.of(suite.app.url);
    expect((await postJson(suite.app.url, summaries.path, summaries.body, `acme:${ACME_KEY}`)).status).toBe(401);
    const after = await ScrapedMetrics.of(suite.app.url);
    expect(after.value('openai_api_tenant_requests_total')).toBe(before.value('openai_api_tenant_requests_total'));
    expect(suite.simulator.requestCount).toBe(0);
  });

  it('exports every OPENAI_BUDGETS entry as openai_api_budget_usd{budget,window,tenant}', async () => {
    const metrics = await ScrapedMetrics.of(suite.app.url);
    const budgets = metrics.samples
      .filter((sample) => sample.name === 'openai_api_budget_usd')
      .map(({ labels, value }): Record<string, string | number> => ({ ...labels, value }))
      .sort((a, b) => String(a['budget']).localeCompare(String(b['budget'])));
    expect(budgets).toEqual([
      { budget: 'acme-daily', window: '24h', tenant: 'acme', value: 2.5 },
      { budget: 'all-monthly', window: '30d', tenant: '', value: 100 },
    ]);
  });

  it('never puts a key value in /metrics or the logs', async () => {
    const metrics = await ScrapedMetrics.of(suite.app.url);
    expect(metrics.value('openai_api_tenant_requests_total')).toBeGreaterThan(0);
    for (const key of KEYS) {
      expect(metrics.text).not.toContain(key);
      expect(suite.app.output()).not.toContain(key);
    }
  });
});
