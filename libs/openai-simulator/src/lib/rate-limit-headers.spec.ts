import { formatGoDuration } from './go-duration';
import { useSimulator } from '../../test/use-simulator';
import { RateLimitTracker } from './rate-limit-window';

const GO_DURATION = /^(\d+h)?(\d+m)?(\d+(\.\d+)?s|\d+ms)$/;

describe('x-ratelimit-* and request headers', () => {
  const suite = useSimulator({ rateLimit: { requests: 100, tokens: 1_000 } });

  const call = (model = 'gpt-4o-mini') => suite.client.responses.create({ model, input: 'count my tokens' }).withResponse();

  it('reports limits, decreasing remaining values and Go-style reset durations', async () => {
    const first = await call();
    const second = await call();
    const h1 = first.response.headers;
    const h2 = second.response.headers;

    expect(h1.get('x-ratelimit-limit-requests')).toBe('100');
    expect(h1.get('x-ratelimit-limit-tokens')).toBe('1000');
    expect(h1.get('x-ratelimit-remaining-requests')).toBe('99');
    expect(h2.get('x-ratelimit-remaining-requests')).toBe('98');
    expect(Number(h1.get('x-ratelimit-remaining-tokens'))).toBe(1_000 - (first.data.usage?.total_tokens ?? 0));
    expect(Number(h2.get('x-ratelimit-remaining-tokens'))).toBe(
      1_000 - (first.data.usage?.total_tokens ?? 0) - (second.data.usage?.total_tokens ?? 0),
    );
    expect(h2.get('x-ratelimit-reset-requests')).toBe('1.2s');
    expect(h2.get('x-ratelimit-reset-tokens')).toMatch(GO_DURATION);
    expect(h1.get('x-request-id')).toMatch(/^req_/);
    expect(h1.get('x-request-id')).not.toBe(h2.get('x-request-id'));
    expect(first.request_id).toBe(h1.get('x-request-id'));
    expect(Number(h1.get('openai-processing-ms'))).toBeGreaterThanOrEqual(0);
  });

  it('counts each requested model separately and starts over after reset()', async () => {
    await call('gpt-4o-mini');
    const other = await call('gpt-4.1');
    expect(other.response.headers.get('x-ratelimit-remaining-requests')).toBe('99');

    suite.sim.reset();
    const again = await call('gpt-4o-mini');
    expect(again.response.headers.get('x-ratelimit-remaining-requests')).toBe('99');
  });

  it('includes processing time with the configured latency', async () => {
    suite.sim.configure({ latencyMs: 30 });
    const { response } = await call();
    expect(Number(response.headers.get('openai-processing-ms'))).toBeGreaterThanOrEqual(29);
  });
});

describe('RateLimitTracker', () => {
  it('forgets requests older than 60 s', () => {
    const tracker = new RateLimitTracker();
    const limits = { requests: 10, tokens: 100 };
    tracker.record('m', 40, limits, 0);
    expect(tracker.record('m', 10, limits, 30_000)).toMatchObject({ remainingRequests: 8, remainingTokens: 50 });
    expect(tracker.record('m', 10, limits, 60_001)).toMatchObject({
      remainingRequests: 8,
      remainingTokens: 80,
      resetRequests: '12s',
      resetTokens: '12s',
    });
  });

  it('never reports negative remaining values', () => {
    const tracker = new RateLimitTracker();
    const snapshot = tracker.record('m', 500, { requests: 1, tokens: 100 }, 0);
    expect(tracker.record('m', 0, { requests: 1, tokens: 100 }, 1)).toMatchObject({ remainingRequests: 0 });
    expect(snapshot).toMatchObject({ remainingTokens: 0, resetTokens: '1m0s' });
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [6, '6ms'],
    [120, '120ms'],
    [999.6, '1s'],
    [1_000, '1s'],
    [1_500, '1.5s'],
    [30_500, '30.5s'],
    [60_000, '1m0s'],
    [90_500, '1m30.5s'],
    [360_000, '6m0s'],
    [3_723_000, '1h2m3s'],
  ])('formats %p ms as %p', (ms, expected) => {
    expect(formatGoDuration(ms)).toBe(expected);
  });
});
