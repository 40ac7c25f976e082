import { parseResetDuration, readRateLimitHeaders } from './rate-limit-headers';

describe('parseResetDuration', () => {
  it.each([
    ['1s', 1],
    ['6m0s', 360],
    ['120ms', 0.12],
    ['1m30.5s', 90.5],
    ['1h2m3s', 3723],
    ['0.5', 0.5],
  ])('reads %s as %d seconds', (value, seconds) => {
    expect(parseResetDuration(value)).toBeCloseTo(seconds, 6);
  });

  it.each(['', 'soon', '5x', undefined, null])('rejects %p', (value) => {
    expect(parseResetDuration(value)).toBeUndefined();
  });
});

describe('readRateLimitHeaders', () => {
  it('reads limits, remaining and resets for requests and tokens', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '10000',
      'x-ratelimit-remaining-requests': '9998',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-limit-tokens': '2000000',
      'x-ratelimit-remaining-tokens': '1999000',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(readRateLimitHeaders(headers)).toEqual({
      requests: { limit: 10000, remaining: 9998, resetSeconds: 0.012 },
      tokens: { limit: 2000000, remaining: 1999000, resetSeconds: 360 },
    });
  });

  it('is undefined without any rate-limit header', () => {
    expect(readRateLimitHeaders(new Headers({ 'content-type': 'application/json' }))).toBeUndefined();
    expect(readRateLimitHeaders(undefined)).toBeUndefined();
  });
});
