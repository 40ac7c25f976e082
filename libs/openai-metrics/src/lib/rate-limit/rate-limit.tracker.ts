import type { BufferedSeries, SeriesBuffer } from '../metrics/series-buffer';
import { type RateLimitSnapshot, type RateLimitState, readRateLimitHeaders } from './rate-limit-headers';

interface Gauges {
  remaining: SeriesBuffer;
  limit: SeriesBuffer;
  reset: SeriesBuffer;
}

interface RateLimitSeries {
  remaining: BufferedSeries;
  limit: BufferedSeries;
  reset: BufferedSeries;
}

interface ModelLimits {
  requests: RateLimitSeries;
  tokens: RateLimitSeries;
  /** The latest response's headers, not parsed until a scrape reads the gauges. */
  headers: Headers | undefined;
}

/**
 * The rate-limit gauges. Every response hands over its headers by reference; they are parsed at
 * most once per scrape per model, in the gauges' `collect()` hooks, since only a scrape reads them.
 */
export class RateLimitTracker {
  private readonly models = new Map<string, ModelLimits>();

  constructor(private readonly gauges: Gauges) {}

  /** `model` is a label value already (the guard bounds how many there are). */
  observe(model: string, headers: Headers): void {
    this.limitsOf(model).headers = headers;
  }

  record(model: string, snapshot: RateLimitSnapshot): void {
    const limits = this.limitsOf(model);
    limits.headers = undefined;
    this.set(limits, snapshot);
  }

  /** Parses what arrived since the last read; runs before every read of the three gauges. */
  parsePending(): void {
    for (const limits of this.models.values()) {
      const headers = limits.headers;
      if (headers === undefined) continue;
      limits.headers = undefined;
      const snapshot = readRateLimitHeaders(headers);
      if (snapshot) this.set(limits, snapshot);
    }
  }

  private limitsOf(model: string): ModelLimits {
    let limits = this.models.get(model);
    if (!limits) {
      limits = { requests: this.seriesOf('requests', model), tokens: this.seriesOf('tokens', model), headers: undefined };
      this.models.set(model, limits);
    }
    return limits;
  }

  private seriesOf(type: 'requests' | 'tokens', model: string): RateLimitSeries {
    const labels = { type, model };
    const { remaining, limit, reset } = this.gauges;
    return { remaining: remaining.series(labels), limit: limit.series(labels), reset: reset.series(labels) };
  }

  private set(limits: ModelLimits, snapshot: RateLimitSnapshot): void {
    this.setState(limits.requests, snapshot.requests);
    this.setState(limits.tokens, snapshot.tokens);
  }

  private setState(series: RateLimitSeries, state: RateLimitState): void {
    const { remaining, limit, reset } = this.gauges;
    if (state.remaining !== undefined) remaining.set(series.remaining, state.remaining);
    if (state.limit !== undefined) limit.set(series.limit, state.limit);
    if (state.resetSeconds !== undefined) reset.set(series.reset, state.resetSeconds);
  }
}
