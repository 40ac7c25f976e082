const GO_UNITS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };

/** A reset header in seconds: a Go duration (`6m0s`, `120ms`, `1h2m3.5s`) or plain seconds. */
export function resetSeconds(value: string): number {
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value) {
    throw new Error(`unreadable rate-limit reset ${JSON.stringify(value)}`);
  }
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * GO_UNITS[unit], 0);
}

function whole(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`unreadable rate-limit count ${JSON.stringify(value)}`);
  return Number(value);
}

const FIELDS = [
  ['limit', 'openai_api_ratelimit_limit', whole],
  ['remaining', 'openai_api_ratelimit_remaining', whole],
  ['reset', 'openai_api_ratelimit_reset_seconds', resetSeconds],
] as const;

export interface RateLimitReading {
  name: string;
  type: 'requests' | 'tokens';
  value: number;
}

/** The rate-limit gauges the recorded `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` headers set. */
export function expectedRateLimits(headers: Readonly<Record<string, string>>): RateLimitReading[] {
  return (['requests', 'tokens'] as const).flatMap((type) =>
    FIELDS.flatMap(([field, name, parse]) => {
      const value = headers[`x-ratelimit-${field}-${type}`];
      return value === undefined ? [] : [{ name, type, value: parse(value) }];
    }),
  );
}
