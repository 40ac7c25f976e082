export interface SimulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Added before answering each /v1 request. Default 0. */
  latencyMs?: number;
  /** Uniform extra latency in 0..latencyJitterMs. Default 0. */
  latencyJitterMs?: number;
  /** Fraction (0..1) answered with a random transient fault: 500, 502, 503 or 429 (retry-after-ms: 1). Default 0. */
  transientFaultRate?: number;
  /** Fraction (0..1) answered 400 invalid_request_error. Default 0. */
  permanentFaultRate?: number;
  /** Fraction of input tokens reported as cached. Default 0. */
  cachedInputRatio?: number;
  /** Fraction of output tokens reported as reasoning, for reasoning models only. Default 0.5. */
  reasoningRatio?: number;
  /** Limits reported in x-ratelimit-* headers. Default { requests: 10000, tokens: 2000000 }. */
  rateLimit?: { requests: number; tokens: number };
  /** Delay between streamed chunks. Default 0. */
  streamChunkDelayMs?: number;
  /** Seed of the pseudo-random choices (faults, jitter, generated text). Default 1. */
  seed?: number;
}

export type ResolvedSimulatorOptions = Required<SimulatorOptions>;

export const DEFAULT_SIMULATOR_OPTIONS: ResolvedSimulatorOptions = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  latencyMs: 0,
  latencyJitterMs: 0,
  transientFaultRate: 0,
  permanentFaultRate: 0,
  cachedInputRatio: 0,
  reasoningRatio: 0.5,
  rateLimit: Object.freeze({ requests: 10_000, tokens: 2_000_000 }),
  streamChunkDelayMs: 0,
  seed: 1,
});

type Check = (value: unknown) => string | undefined;

const nonNegative: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'a number >= 0');
const fraction: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'a number between 0 and 1');
const positiveInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isPort = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535;
const isLimits = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  positiveInteger((v as Record<string, unknown>)['requests']) &&
  positiveInteger((v as Record<string, unknown>)['tokens']);

const CHECKS: Record<keyof SimulatorOptions, Check> = {
  host: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'a non-empty string'),
  port: (v) => (isPort(v) ? undefined : 'an integer between 0 and 65535'),
  latencyMs: nonNegative,
  latencyJitterMs: nonNegative,
  transientFaultRate: fraction,
  permanentFaultRate: fraction,
  cachedInputRatio: fraction,
  reasoningRatio: fraction,
  rateLimit: (v) => (isLimits(v) ? undefined : '{ requests, tokens } with positive integers'),
  streamChunkDelayMs: nonNegative,
  seed: (v) => (typeof v === 'number' && Number.isInteger(v) ? undefined : 'an integer'),
};

export const SIMULATOR_OPTION_KEYS = Object.keys(CHECKS) as (keyof SimulatorOptions)[];

/** What `value` must be for option `key` (e.g. 'a number between 0 and 1'), or undefined when it is valid. */
export function simulatorOptionProblem(key: keyof SimulatorOptions, value: unknown): string | undefined {
  return CHECKS[key](value);
}

/** Returns `base` overridden by the defined values of `patch`; throws a RangeError naming the first invalid option. */
export function resolveSimulatorOptions(
  base: ResolvedSimulatorOptions,
  patch: Partial<SimulatorOptions>,
): ResolvedSimulatorOptions {
  const resolved: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const check = CHECKS[key as keyof SimulatorOptions];
    if (!check) throw new RangeError(`Unknown simulator option "${key}"`);
    const problem = check(value);
    if (problem) throw new RangeError(`Simulator option "${key}" must be ${problem}, got ${JSON.stringify(value)}`);
    resolved[key] = key === 'rateLimit' ? { ...(value as object) } : value;
  }
  return resolved as ResolvedSimulatorOptions;
}
