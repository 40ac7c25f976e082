import { formatGoDuration } from './go-duration';

const WINDOW_MS = 60_000;

export interface RateLimitSnapshot {
  limitRequests: number;
  remainingRequests: number;
  resetRequests: string;
  limitTokens: number;
  remainingTokens: number;
  resetTokens: string;
}

/** Requests and tokens of one model in the last 60 s; a queue with a moving head keeps it O(1) amortised. */
class ModelWindow {
  private times: number[] = [];
  private tokens: number[] = [];
  private head = 0;
  requests = 0;
  tokenSum = 0;

  add(now: number, tokens: number): void {
    const cutoff = now - WINDOW_MS;
    while (this.head < this.times.length && this.times[this.head] <= cutoff) {
      this.tokenSum -= this.tokens[this.head];
      this.requests--;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
    this.times.push(now);
    this.tokens.push(tokens);
    this.requests++;
    this.tokenSum += tokens;
  }
}

/**
 * Rolling 60 s usage per requested model, reported like the x-ratelimit-* headers. The reset values
 * assume the limit replenishes continuously over a minute (used / limit * 60 s), as the real API does.
 */
export class RateLimitTracker {
  private readonly windows = new Map<string, ModelWindow>();

  record(
    model: string,
    tokens: number,
    limits: { requests: number; tokens: number },
    now = Date.now(),
  ): RateLimitSnapshot {
    let window = this.windows.get(model);
    if (!window) {
      window = new ModelWindow();
      this.windows.set(model, window);
    }
    window.add(now, tokens);
    return {
      limitRequests: limits.requests,
      remainingRequests: Math.max(0, limits.requests - window.requests),
      resetRequests: formatGoDuration((Math.min(window.requests, limits.requests) / limits.requests) * WINDOW_MS),
      limitTokens: limits.tokens,
      remainingTokens: Math.max(0, limits.tokens - window.tokenSum),
      resetTokens: formatGoDuration((Math.min(window.tokenSum, limits.tokens) / limits.tokens) * WINDOW_MS),
    };
  }

  clear(): void {
    this.windows.clear();
  }
}
