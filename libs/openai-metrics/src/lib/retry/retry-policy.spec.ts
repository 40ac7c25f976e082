import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai/core/error';
import { apiError } from '../../../test/support/openai-errors';
import { OpenAiResponseError } from '../errors/openai-response.error';
import { isRetryableError, RetryPolicy } from './retry-policy';

describe('isRetryableError', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isRetryableError(apiError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])('never retries HTTP %i', (status) => {
    expect(isRetryableError(apiError(status))).toBe(false);
  });

  it('retries connection errors and timeouts', () => {
    expect(isRetryableError(new APIConnectionError({ message: 'reset' }))).toBe(true);
    expect(isRetryableError(new APIConnectionTimeoutError())).toBe(true);
  });

  it('never retries an abort, an unusable body or a plain error', () => {
    expect(isRetryableError(new APIUserAbortError())).toBe(false);
    expect(isRetryableError(new OpenAiResponseError('not json'))).toBe(false);
    expect(isRetryableError(new SyntaxError('Unexpected token'))).toBe(false);
    expect(isRetryableError(new Error('bug'))).toBe(false);
  });
});

describe('RetryPolicy', () => {
  const noJitter = () => 0;
  const fullJitter = () => 1;

  it('allows retries until maxAttempts', () => {
    const policy = new RetryPolicy({ maxAttempts: 3 });
    expect(policy.shouldRetry(apiError(500), 1)).toBe(true);
    expect(policy.shouldRetry(apiError(500), 2)).toBe(true);
    expect(policy.shouldRetry(apiError(500), 3)).toBe(false);
    expect(policy.shouldRetry(apiError(400), 1)).toBe(false);
  });

  it('backs off exponentially from baseDelayMs, capped at maxDelayMs', () => {
    const policy = new RetryPolicy({ baseDelayMs: 500, maxDelayMs: 1500 }, noJitter);
    expect(policy.delayMs(apiError(500), 1)).toBe(500);
    expect(policy.delayMs(apiError(500), 2)).toBe(1000);
    expect(policy.delayMs(apiError(500), 3)).toBe(1500);
    expect(policy.delayMs(apiError(500), 10)).toBe(1500);
  });

  it('applies jitter that only shortens the wait, by at most a quarter', () => {
    const policy = new RetryPolicy({ baseDelayMs: 400, maxDelayMs: 8000 }, fullJitter);
    expect(policy.delayMs(apiError(503), 1)).toBe(300);
    const random = new RetryPolicy({ baseDelayMs: 400, maxDelayMs: 8000 });
    const delays = Array.from({ length: 200 }, () => random.delayMs(apiError(503), 2));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(600);
    expect(Math.max(...delays)).toBeLessThanOrEqual(800);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('honours retry-after-ms, then retry-after seconds, up to maxDelayMs', () => {
    const policy = new RetryPolicy({ baseDelayMs: 500, maxDelayMs: 5000 }, noJitter);
    expect(policy.delayMs(apiError(429, { 'retry-after-ms': '120' }), 1)).toBe(120);
    expect(policy.delayMs(apiError(429, { 'retry-after': '2' }), 1)).toBe(2000);
    expect(policy.delayMs(apiError(429, { 'retry-after-ms': '250', 'retry-after': '9' }), 1)).toBe(250);
    expect(policy.delayMs(apiError(429, { 'retry-after': '60' }), 1)).toBe(5000);
  });

  it('honours retry-after given as an HTTP date', () => {
    const policy = new RetryPolicy({ maxDelayMs: 10_000 }, noJitter);
    const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
    const delay = policy.delayMs(apiError(503, { 'retry-after': inThreeSeconds }), 1);
    expect(delay).toBeGreaterThan(1000);
    expect(delay).toBeLessThanOrEqual(3000);
  });

  it('falls back to backoff when retry-after is unreadable', () => {
    const policy = new RetryPolicy({ baseDelayMs: 700 }, noJitter);
    expect(policy.delayMs(apiError(503, { 'retry-after': 'soon' }), 1)).toBe(700);
  });

  it('rejects options that make no sense', () => {
    expect(() => new RetryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => new RetryPolicy({ maxAttempts: 1.5 })).toThrow(/maxAttempts/);
    expect(() => new RetryPolicy({ baseDelayMs: -1 })).toThrow(/baseDelayMs/);
    expect(() => new RetryPolicy({ maxDelayMs: Number.NaN })).toThrow(/maxDelayMs/);
  });

  it('uses the documented defaults', () => {
    const policy = new RetryPolicy();
    expect([policy.maxAttempts, policy.baseDelayMs, policy.maxDelayMs]).toEqual([3, 500, 8000]);
  });
});
