import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { RetryOptions } from '../interfaces/openai-metrics-options.interface';
import { retryAfterMs } from './retry-after';

export const DEFAULT_RETRY_OPTIONS: Required<RetryOptions> = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8000 };

const RETRYABLE_STATUSES = new Set([408, 409, 429]);

/** Transient: 408, 409, 429, 5xx, connection errors and timeouts. Never a client error or an unusable body. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) {
    const status = error.status;
    return typeof status === 'number' && (RETRYABLE_STATUSES.has(status) || status >= 500);
  }
  return false;
}

/**
 * Decides whether and how long to wait before the next attempt.
 * Exponential backoff with jitter, or the server's `retry-after-ms` / `retry-after`; both capped at
 * `maxDelayMs` (a longer `retry-after` means waiting `maxDelayMs`, then retrying).
 */
export class RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;

  constructor(options: RetryOptions = {}, private readonly random: () => number = Math.random) {
    const merged = { ...DEFAULT_RETRY_OPTIONS, ...definedOnly(options) };
    this.maxAttempts = positiveInteger('maxAttempts', merged.maxAttempts);
    this.baseDelayMs = nonNegative('baseDelayMs', merged.baseDelayMs);
    this.maxDelayMs = nonNegative('maxDelayMs', merged.maxDelayMs);
  }

  /** Whether attempt number `attempt` (1-based), which failed with `error`, may be followed by another. */
  shouldRetry(error: unknown, attempt: number): boolean {
    return attempt < this.maxAttempts && isRetryableError(error);
  }

  /** Milliseconds to wait after failed attempt number `attempt` (1-based). */
  delayMs(error: unknown, attempt: number): number {
    const requested = error instanceof APIError ? retryAfterMs(error.headers) : undefined;
    if (requested !== undefined) return Math.min(requested, this.maxDelayMs);
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    // Jitter spreads synchronized retries of many clients; it only ever shortens the wait.
    return exponential * (1 - 0.25 * this.random());
  }
}

function definedOnly(options: RetryOptions): RetryOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`retry.${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`retry.${name} must be a non-negative number, got ${value}`);
  return value;
}
