import type { OpenAiSimulator, SimulatedFault } from '@openai-monitoring/openai-simulator';
import { postJson } from '@openai-monitoring/ai-app-testing';
import { type SuiteAppWithSimulator, useAppWithSimulator } from '../support/app-with-simulator';

// Date.now() on both sides of a wait can disagree by a millisecond or two.
const CLOCK_SLACK_MS = 3;

/** Gaps between consecutive attempts, as the simulator received them. */
function attemptGaps(simulator: OpenAiSimulator): number[] {
  const times = simulator.requests.map((attempt) => attempt.at);
  return times.slice(1).map((at, i) => at - times[i]);
}

/** Resets the simulator, queues `faults`, summarizes once, and returns the gaps between its attempts. */
async function summarizeThrough({ app, simulator }: SuiteAppWithSimulator, faults: SimulatedFault[]): Promise<number[]> {
  simulator.reset();
  simulator.enqueueFaults(...faults);
  const answer = await postJson(app.url, '/v1/summaries', { text: 'How long do retries wait?' });
  expect(answer.status).toBe(faults.length < 3 ? 200 : 502);
  expect(simulator.requestCount).toBe(faults.length + (answer.status === 200 ? 1 : 0));
  return attemptGaps(simulator);
}

describe('backoff between retries', () => {
  // A base delay far above the bound: every wait is the bound, shortened by jitter.
  const suite = useAppWithSimulator({ env: { OPENAI_MAX_ATTEMPTS: '3', OPENAI_RETRY_BASE_DELAY_MS: '1000', OPENAI_RETRY_MAX_DELAY_MS: '300' } });

  it('is capped at OPENAI_RETRY_MAX_DELAY_MS and jittered by up to a quarter', async () => {
    const gaps: number[] = [];
    const serverError: SimulatedFault = { kind: 'status', status: 503 };
    for (let i = 0; i < 4; i++) gaps.push(...(await summarizeThrough(suite, [serverError, serverError, serverError])));
    expect(gaps).toHaveLength(8);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(300 * 0.75 - CLOCK_SLACK_MS);
      // Uncapped, the waits would be 750-1000 ms and 1500-2000 ms.
      expect(gap).toBeLessThan(700);
    }
    // Eight waits drawn uniformly over 75 ms do not all land within 5 ms of each other.
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThanOrEqual(5);
  });
});

describe('waits the provider asks for', () => {
  const MAX_DELAY_MS = 3000;
  // Backoff alone would wait at most 10 ms: any longer gap is the provider's header being honoured.
  const suite = useAppWithSimulator({ env: { OPENAI_MAX_ATTEMPTS: '2', OPENAI_RETRY_BASE_DELAY_MS: '10', OPENAI_RETRY_MAX_DELAY_MS: String(MAX_DELAY_MS) } });

  const rateLimited = (headers: Record<string, string>): SimulatedFault => ({ kind: 'status', status: 429, headers });
  const httpDate = (epochMs: number) => new Date(epochMs).toUTCString();

  it('honours retry-after-ms below the bound', async () => {
    const [gap] = await summarizeThrough(suite, [rateLimited({ 'retry-after-ms': '300' })]);
    expect(gap).toBeGreaterThanOrEqual(300 - CLOCK_SLACK_MS);
    expect(gap).toBeLessThan(1500);
  });

  it('prefers retry-after-ms over retry-after', async () => {
    const [gap] = await summarizeThrough(suite, [rateLimited({ 'retry-after-ms': '200', 'retry-after': '1' })]);
    expect(gap).toBeGreaterThanOrEqual(200 - CLOCK_SLACK_MS);
    expect(gap).toBeLessThan(900);
  });

  it('honours retry-after in seconds below the bound', async () => {
    const [gap] = await summarizeThrough(suite, [rateLimited({ 'retry-after': '1' })]);
    expect(gap).toBeGreaterThanOrEqual(1000 - CLOCK_SLACK_MS);
    expect(gap).toBeLessThan(MAX_DELAY_MS - 500);
  });

  it('caps a retry-after in seconds at OPENAI_RETRY_MAX_DELAY_MS', async () => {
    const [gap] = await summarizeThrough(suite, [rateLimited({ 'retry-after': '3600' })]);
    expect(gap).toBeGreaterThanOrEqual(MAX_DELAY_MS - CLOCK_SLACK_MS);
    expect(gap).toBeLessThan(MAX_DELAY_MS + 2000);
  });

  it('honours retry-after as an HTTP date below the bound', async () => {
    // HTTP dates have whole seconds: the next-but-one second boundary is 1 to 2 s away.
    const retryAt = (Math.floor(Date.now() / 1000) + 2) * 1000;
    const [gap] = await summarizeThrough(suite, [rateLimited({ 'retry-after': httpDate(retryAt) })]);
    // The retry waits for the date itself, however long the first attempt took to get there.
    expect(suite.simulator.requests[1].at).toBeGreaterThanOrEqual(retryAt - CLOCK_SLACK_MS);
    expect(gap).toBeLessThan(MAX_DELAY_MS - 300);
  });

  it('caps retry-after as an HTTP date at OPENAI_RETRY_MAX_DELAY_MS', async () => {
    const [gap] = await summarizeThrough(suite, [rateLimited({ 'retry-after': httpDate(Date.now() + 3_600_000) })]);
    expect(gap).toBeGreaterThanOrEqual(MAX_DELAY_MS - CLOCK_SLACK_MS);
    expect(gap).toBeLessThan(MAX_DELAY_MS + 2000);
  });
});
