import type { SimulatedFault } from '@openai-monitoring/openai-simulator';
import request from 'supertest';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { ScrapedMetrics } from '../support/scraped-metrics';
import { STALL_TIMEOUT_MS, useAppWithSimulator } from '../support/app-with-simulator';
import { outcomeDelta, series } from './support/metric-series';

const OPERATION = { capability: 'summaries', operation: 'summarize' };
const MAX_ATTEMPTS = 3;
const SUMMARY_REQUEST = { text: 'The fault matrix drives one summary per case.' };

const requests = (status: 'success' | 'failure') => series('openai_api_requests_total', { ...OPERATION, status });
const errors = (errorType: string) => series('openai_api_errors_total', { ...OPERATION, error_type: errorType });
const retries = (errorType: string) => series('openai_api_retries_total', { ...OPERATION, error_type: errorType });
// The test key is a bare key: its tenant is `default`.
const tenantRequests = (status: 'success' | 'failure') => series('openai_api_tenant_requests_total', { tenant: 'default', status });

/** Each retried attempt counts one retry under its error type. */
function retried(errorTypes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of errorTypes) counts[retries(type)] = (counts[retries(type)] ?? 0) + 1;
  return counts;
}

/** One failed operation: its final error, and one retry per earlier attempt. */
function failed(errorType: string, attempts: number): Record<string, number> {
  return { [requests('failure')]: 1, [tenantRequests('failure')]: 1, [errors(errorType)]: 1, ...retried(Array(attempts - 1).fill(errorType)) };
}

const BILLED = /^openai_api_(tokens_total|token_details_total|cost_usd_total|tenant_tokens_total|tenant_cost_usd_total)\{/;

/** What OpenAI bills for an answer the app could not use: tokens and cost, as a success records them. */
function billed(success: Record<string, number>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(success).filter((key) => BILLED.test(key)).map((key) => [key, expect.any(Number)]));
}

interface Fault {
  name: string;
  fault: () => SimulatedFault;
  errorType: string;
  /** A 200 that reports usage: OpenAI bills its tokens although the operation fails. */
  billed?: true;
  /** What the ai app answers once retries run out on this fault. */
  exhausted: { status: number; retryAfter?: [number, number] };
}

const status = (code: number, headers?: Record<string, string>): (() => SimulatedFault) => () => ({ kind: 'status', status: code, headers });
const inOneHourHttpDate = () => new Date(Date.now() + 3_600_000).toUTCString();

// Retryable: 408, 409, 429, 5xx, dropped connections and timeouts.
const TRANSIENT: Fault[] = [
  { name: '500', fault: status(500), errorType: 'server_error', exhausted: { status: 502 } },
  { name: '502', fault: status(502), errorType: 'server_error', exhausted: { status: 502 } },
  { name: '503', fault: status(503), errorType: 'server_error', exhausted: { status: 502 } },
  { name: '504', fault: status(504), errorType: 'server_error', exhausted: { status: 502 } },
  { name: '429 without retry-after', fault: status(429), errorType: 'rate_limit', exhausted: { status: 503, retryAfter: [1, 1] } },
  { name: '429 retry-after: 30', fault: status(429, { 'retry-after': '30' }), errorType: 'rate_limit', exhausted: { status: 503, retryAfter: [30, 30] } },
  { name: '429 retry-after-ms: 2500', fault: status(429, { 'retry-after-ms': '2500' }), errorType: 'rate_limit', exhausted: { status: 503, retryAfter: [3, 3] } },
  {
    name: '429 retry-after: <HTTP date in one hour>',
    fault: () => ({ kind: 'status', status: 429, headers: { 'retry-after': inOneHourHttpDate() } }),
    errorType: 'rate_limit',
    exhausted: { status: 503, retryAfter: [3590, 3600] },
  },
  // A 408 is an answer from OpenAI, not our own timeout: the gateway got a reply, hence 502.
  { name: '408', fault: status(408), errorType: 'timeout', exhausted: { status: 502 } },
  { name: '409', fault: status(409), errorType: 'other', exhausted: { status: 502 } },
  { name: 'a dropped connection', fault: () => ({ kind: 'drop' }), errorType: 'connection', exhausted: { status: 502 } },
  { name: 'a stall past OPENAI_TIMEOUT_MS', fault: () => ({ kind: 'stall', ms: 10_000 }), errorType: 'timeout', exhausted: { status: 504 } },
];

// Not retryable: the request or the answer is wrong, and trying again would not change that.
const PERMANENT: Fault[] = [
  { name: '400', fault: status(400), errorType: 'bad_request', exhausted: { status: 502 } },
  { name: '401', fault: status(401), errorType: 'authentication', exhausted: { status: 502 } },
  { name: '403', fault: status(403), errorType: 'permission', exhausted: { status: 502 } },
  { name: '404', fault: status(404), errorType: 'not_found', exhausted: { status: 502 } },
  { name: '422', fault: status(422), errorType: 'unprocessable', exhausted: { status: 502 } },
  { name: 'a 200 whose body is not JSON', fault: () => ({ kind: 'invalid-json' }), errorType: 'invalid_response', exhausted: { status: 502 } },
  {
    name: 'a 200 whose JSON does not fit the schema',
    fault: () => ({ kind: 'schema-mismatch' }),
    errorType: 'invalid_response',
    billed: true,
    exhausted: { status: 502 },
  },
];

describe('fault matrix: upstream behaviour → attempts, answer, exact metric change', () => {
  // Each case resets the simulator (same seed, so the same generated answer) before its faults are queued.
  const suite = useAppWithSimulator({
    env: {
      OPENAI_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      OPENAI_RETRY_BASE_DELAY_MS: '5',
      OPENAI_RETRY_MAX_DELAY_MS: '20',
      OPENAI_TIMEOUT_MS: STALL_TIMEOUT_MS,
    },
  });
  /** What one clean summary adds: the retried successes must add exactly this, plus their retries. */
  let oneSuccess: Record<string, number>;

  beforeAll(async () => {
    oneSuccess = (await summarize()).delta;
  });

  /** Queues `faults` and summarizes once. */
  async function summarize(faults: SimulatedFault[] = []) {
    suite.simulator.enqueueFaults(...faults);
    const before = await ScrapedMetrics.of(suite.app.url);
    const response = await request(suite.app.url).post('/v1/summaries').set('Authorization', `Bearer ${AI_APP_TEST_KEY}`).send(SUMMARY_REQUEST);
    const after = await ScrapedMetrics.of(suite.app.url);
    return { response, attempts: suite.simulator.requestCount, delta: outcomeDelta(before, after) };
  }

  function expectCleanErrorBody(body: Record<string, unknown>, errorType: string): void {
    expect(Object.keys(body).sort()).toEqual(['errorType', 'message', 'statusCode']);
    expect(body['errorType']).toBe(errorType);
    expect(JSON.stringify(body)).not.toMatch(/simulated|stack|sk-e2e/i);
  }

  it('a clean summary records one success, its duration, its tokens and its cost, also under its tenant', () => {
    expect(oneSuccess).toEqual({
      [requests('success')]: 1,
      [series('openai_api_request_duration_ms_count', { ...OPERATION, status: 'success' })]: 1,
      [series('openai_api_tokens_total', { ...OPERATION, model: 'gpt-4o-mini', type: 'input' })]: expect.any(Number),
      [series('openai_api_tokens_total', { ...OPERATION, model: 'gpt-4o-mini', type: 'output' })]: expect.any(Number),
      [series('openai_api_cost_usd_total', { ...OPERATION, model: 'gpt-4o-mini' })]: expect.any(Number),
      [tenantRequests('success')]: 1,
      [series('openai_api_tenant_tokens_total', { tenant: 'default', model: 'gpt-4o-mini', type: 'input' })]: expect.any(Number),
      [series('openai_api_tenant_tokens_total', { tenant: 'default', model: 'gpt-4o-mini', type: 'output' })]: expect.any(Number),
      [series('openai_api_tenant_cost_usd_total', { tenant: 'default', model: 'gpt-4o-mini' })]: expect.any(Number),
    });
    expect(Object.values(oneSuccess).every((change) => change > 0)).toBe(true);
  });

  describe.each(TRANSIENT)('transient: $name', ({ fault, errorType, exhausted }) => {
    it('is retried once and the summary succeeds, counted once', async () => {
      const { response, attempts, delta } = await summarize([fault()]);
      expect(response.status).toBe(200);
      expect(attempts).toBe(2);
      expect(delta).toEqual({ ...oneSuccess, ...retried([errorType]) });
    });

    it(`outlasting ${MAX_ATTEMPTS} attempts answers ${exhausted.status} and records one failure`, async () => {
      const { response, attempts, delta } = await summarize([fault(), fault(), fault()]);
      expect(response.status).toBe(exhausted.status);
      expect(attempts).toBe(MAX_ATTEMPTS);
      expect(delta).toEqual(failed(errorType, MAX_ATTEMPTS));
      expectCleanErrorBody(response.body, errorType);
      if (exhausted.retryAfter) {
        const seconds = Number(response.headers['retry-after']);
        expect(seconds).toBeGreaterThanOrEqual(exhausted.retryAfter[0]);
        expect(seconds).toBeLessThanOrEqual(exhausted.retryAfter[1]);
      } else {
        expect(response.headers['retry-after']).toBeUndefined();
      }
    });
  });

  it.each(PERMANENT)('permanent: $name is not retried, answers 502 and records one failure', async ({ fault, errorType, billed: isBilled }) => {
    const { response, attempts, delta } = await summarize([fault()]);
    expect(response.status).toBe(502);
    expect(attempts).toBe(1);
    expect(delta).toEqual({ ...failed(errorType, 1), ...(isBilled ? billed(oneSuccess) : {}) });
    expectCleanErrorBody(response.body, errorType);
  });

  it('mixed transient faults are each retried under their own type before the success', async () => {
    const { response, attempts, delta } = await summarize([{ kind: 'drop' }, { kind: 'status', status: 429, headers: { 'retry-after-ms': '1' } }]);
    expect(response.status).toBe(200);
    expect(attempts).toBe(3);
    expect(delta).toEqual({ ...oneSuccess, ...retried(['connection', 'rate_limit']) });
  });

  it('a transient fault followed by a permanent one stops at the permanent one', async () => {
    const { response, attempts, delta } = await summarize([{ kind: 'status', status: 503 }, { kind: 'status', status: 400 }]);
    expect(response.status).toBe(502);
    expect(attempts).toBe(2);
    expect(delta).toEqual({ ...failed('bad_request', 1), ...retried(['server_error']) });
  });

  it('a rate-limited answer sets the remaining-requests gauge to 0', async () => {
    await summarize([{ kind: 'status', status: 429 }, { kind: 'status', status: 429 }, { kind: 'status', status: 429 }]);
    const metrics = await ScrapedMetrics.of(suite.app.url);
    expect(metrics.value('openai_api_ratelimit_remaining', { type: 'requests', model: 'gpt-4o-mini' })).toBe(0);
    expect(metrics.value('openai_api_ratelimit_limit', { type: 'requests', model: 'gpt-4o-mini' })).toBe(10_000);
  });

  it.each([
    { clientError: 'invalid input', body: { text: '' }, key: AI_APP_TEST_KEY, expected: 400 },
    { clientError: 'an unknown field', body: { text: 'ok', model: 'gpt-4o' }, key: AI_APP_TEST_KEY, expected: 400 },
    { clientError: 'no valid API key', body: { text: 'ok' }, key: 'not-a-key', expected: 401 },
  ])('$clientError answers $expected, never reaches OpenAI and records nothing', async ({ body, key, expected }) => {
    suite.simulator.enqueueFaults({ kind: 'status', status: 500 });
    const before = await ScrapedMetrics.of(suite.app.url);
    const response = await request(suite.app.url).post('/v1/summaries').set('Authorization', `Bearer ${key}`).send(body);
    expect(response.status).toBe(expected);
    expect(suite.simulator.requestCount).toBe(0);
    expect(outcomeDelta(before, await ScrapedMetrics.of(suite.app.url))).toEqual({});
  });
});
