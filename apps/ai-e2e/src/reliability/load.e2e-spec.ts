import { ScrapedMetrics } from '../support/scraped-metrics';
import { postJson } from '@openai-monitoring/ai-app-testing';
import { runPool } from './support/run-pool';
import { AI_ROUTES, type AiRoute } from './support/routes';
import { useAppWithSimulator } from '../support/app-with-simulator';

const REQUESTS = 5000;
const CONCURRENCY = 50;
const TRANSIENT_FAULT_RATE = 0.1;
const PERMANENT_FAULT_RATE = 0.02;
const MAX_ATTEMPTS = 3;

/** What the client saw for one route: answers by HTTP status, and calls that got no answer at all. */
interface Tally {
  byStatus: Map<number, number>;
  unanswered: number;
  brokenStreams: number;
}

describe(`load: ${REQUESTS} requests at concurrency ${CONCURRENCY} with injected faults`, () => {
  const suite = useAppWithSimulator({
    simulator: { transientFaultRate: TRANSIENT_FAULT_RATE, permanentFaultRate: PERMANENT_FAULT_RATE },
    env: {
      OPENAI_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      OPENAI_RETRY_BASE_DELAY_MS: '10',
      OPENAI_RETRY_MAX_DELAY_MS: '50',
      // One API key sends everything: the per-key rate limit must not be what is measured.
      THROTTLE_LIMIT: String(REQUESTS * 10),
    },
  });

  it('answers every request and counts exactly what the client saw', async () => {
    const before = await ScrapedMetrics.of(suite.app.url);
    const tallies = new Map<AiRoute, Tally>(AI_ROUTES.map((route) => [route, { byStatus: new Map(), unanswered: 0, brokenStreams: 0 }]));
    const startedAt = Date.now();

    await runPool(REQUESTS, CONCURRENCY, async (i) => {
      const route = AI_ROUTES[i % AI_ROUTES.length];
      const tally = tallies.get(route) as Tally;
      try {
        const answer = await postJson(suite.app.url, route.path, route.body);
        tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
        if (route.capability === 'chat' && answer.status === 200 && !answer.text.endsWith('data: [DONE]\n\n')) tally.brokenStreams++;
      } catch {
        tally.unanswered++;
      }
    });

    const elapsedMs = Date.now() - startedAt;
    const after = await ScrapedMetrics.of(suite.app.url);
    const change = (name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);

    let answered = 0;
    let succeeded = 0;
    for (const [route, tally] of tallies) {
      const labels = { capability: route.capability, operation: route.operation };
      const ok = tally.byStatus.get(200) ?? 0;
      const total = [...tally.byStatus.values()].reduce((sum, n) => sum + n, 0);
      expect(tally.unanswered).toBe(0);
      expect(tally.brokenStreams).toBe(0);
      // Upstream faults that outlast the retries answer 502 (or 503 when rate limited); nothing else.
      expect([...tally.byStatus.keys()].every((status) => [200, 502, 503].includes(status))).toBe(true);
      expect(change('openai_api_requests_total', { ...labels, status: 'success' })).toBe(ok);
      expect(change('openai_api_requests_total', { ...labels, status: 'failure' })).toBe(total - ok);
      expect(change('openai_api_errors_total', labels)).toBe(total - ok);
      expect(after.value('openai_api_in_flight', labels)).toBe(0);
      answered += total;
      succeeded += ok;
    }
    expect(answered).toBe(REQUESTS);

    const operations = change('openai_api_requests_total');
    const retries = change('openai_api_retries_total');
    // Every attempt that reached the simulator is either an operation's last attempt or a retry.
    expect(suite.simulator.requestCount).toBe(operations + retries);
    const failedAttempts = suite.simulator.requestCount - succeeded;
    expect(failedAttempts).toBeGreaterThan(REQUESTS * (TRANSIENT_FAULT_RATE + PERMANENT_FAULT_RATE) * 0.8);

    const statuses = new Map<number, number>();
    for (const tally of tallies.values()) for (const [status, n] of tally.byStatus) statuses.set(status, (statuses.get(status) ?? 0) + n);
    const failedOperations = change('openai_api_requests_total', { status: 'failure' });
    const permanent = change('openai_api_errors_total', { error_type: 'bad_request' });
    console.log(
      [
        `load: ${REQUESTS} requests at concurrency ${CONCURRENCY} in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(REQUESTS / (elapsedMs / 1000))} req/s)`,
        `  answered ${answered}, lost ${REQUESTS - answered}: ${[...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n} × ${status}`).join(', ')}`,
        `  upstream attempts ${suite.simulator.requestCount}, faults injected (failed attempts) ${failedAttempts}, retries ${retries}`,
        `  error answers ${failedOperations}: ${permanent} permanent (400 upstream), ${failedOperations - permanent} transient faults outlasting ${MAX_ATTEMPTS} attempts`,
      ].join('\n'),
    );
  }, 120_000);
});
