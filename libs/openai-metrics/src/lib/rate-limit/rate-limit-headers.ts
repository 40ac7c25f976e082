export interface RateLimitState {
  limit?: number;
  remaining?: number;
  resetSeconds?: number;
}

export interface RateLimitSnapshot {
  requests: RateLimitState;
  tokens: RateLimitState;
}

type Headers = { get(name: string): string | null };

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const UNIT_SECONDS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** Parses OpenAI's reset durations such as `1s`, `6m0s`, `120ms`, `1h2m3.5s` into seconds. */
export function parseResetDuration(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let seconds = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) {
    seconds += Number(match[1]) * UNIT_SECONDS[match[2]];
    consumed += match[0].length;
  }
  if (consumed === trimmed.length && consumed > 0) return seconds;
  const plain = Number(trimmed);
  return Number.isFinite(plain) && plain >= 0 ? plain : undefined;
}

function number(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function state(headers: Headers, type: 'requests' | 'tokens'): RateLimitState {
  return {
    limit: number(headers.get(`x-ratelimit-limit-${type}`)),
    remaining: number(headers.get(`x-ratelimit-remaining-${type}`)),
    resetSeconds: parseResetDuration(headers.get(`x-ratelimit-reset-${type}`)),
  };
}

/** The `x-ratelimit-*` headers of one response; undefined when it carries none. */
export function readRateLimitHeaders(headers: Headers | undefined | null): RateLimitSnapshot | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const snapshot = { requests: state(headers, 'requests'), tokens: state(headers, 'tokens') };
  const any = [snapshot.requests, snapshot.tokens].some(
    (s) => s.limit !== undefined || s.remaining !== undefined || s.resetSeconds !== undefined,
  );
  return any ? snapshot : undefined;
}
