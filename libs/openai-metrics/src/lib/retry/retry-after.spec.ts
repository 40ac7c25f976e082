import { retryAfterMs } from './retry-after';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads retry-after-ms as milliseconds, fractions included', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '12.5' }), now)).toBe(12.5);
  });

  it('reads retry-after as seconds or as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), now)).toBe(0);
  });

  it('accepts plain header objects', () => {
    expect(retryAfterMs({ 'retry-after': '1' }, now)).toBe(1000);
  });

  it('is undefined when absent, empty or unreadable', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': '' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': 'later' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': '-4' }), now)).toBeUndefined();
  });
});
