import { Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { classifyOpenAiError, type OpenAiErrorType } from '../errors/error-type';
import {
  OPENAI_API_COST_USD_TOTAL,
  OPENAI_API_ERRORS_TOTAL,
  OPENAI_API_IN_FLIGHT,
  OPENAI_API_RATELIMIT_LIMIT,
  OPENAI_API_RATELIMIT_REMAINING,
  OPENAI_API_RATELIMIT_RESET_SECONDS,
  OPENAI_API_REQUEST_DURATION_MS,
  OPENAI_API_REQUESTS_TOTAL,
  OPENAI_API_RETRIES_TOTAL,
  OPENAI_API_TIME_TO_FIRST_TOKEN_MS,
  OPENAI_API_TOKEN_DETAILS_TOTAL,
  OPENAI_API_TOKENS_TOTAL,
} from '../metrics/metric-names';
import { type BufferedSeries, bufferOf, type SeriesBuffer } from '../metrics/series-buffer';
import type { RateLimitSnapshot, RateLimitState } from '../rate-limit/rate-limit-headers';
import type { TokenUsage } from '../usage/token-usage';
import { OpenAiMetricsConfig } from './openai-metrics.config';
import { OperationMetrics } from './operation-metrics';

/** Tokens of one successful call, under the model it requested. */
export interface CallUsage {
  model: string | undefined;
  usage: TokenUsage;
}

export interface SuccessOutcome {
  capability: string;
  operation: string;
  durationMs: number;
  calls: readonly CallUsage[];
  /** Streamed operations: from the start of the operation to the first content token. */
  timeToFirstTokenMs?: number;
  /** The requested model of the streamed call, for the time-to-first-token label. */
  streamModel?: string;
}

export interface FailureOutcome {
  capability: string;
  operation: string;
  durationMs: number;
  error: unknown;
  timeToFirstTokenMs?: number;
  streamModel?: string;
}

const MAX_PRICE_WARNINGS = 100;

/** The three rate-limit gauges of one `type`, under one model label. */
interface RateLimitSeries {
  remaining: BufferedSeries;
  limit: BufferedSeries;
  reset: BufferedSeries;
}

/**
 * The one place outcomes become samples. Each logical operation ends in exactly one call to
 * `recordSuccess` or `recordFailure` (the decorator guarantees it).
 */
@Injectable()
export class OpenAiMetricsRecorder {
  private readonly logger = new Logger('OpenAiMetrics');
  private readonly operations = new Map<string, OperationMetrics>();
  private readonly rateLimit: { remaining: SeriesBuffer; limit: SeriesBuffer; reset: SeriesBuffer };
  /** Rate-limit series resolved once per model label (the guard bounds the labels). */
  private readonly rateLimitSeries = new Map<string, { requests: RateLimitSeries; tokens: RateLimitSeries }>();
  private readonly warnedModels = new Set<string>();
  private readonly sinks: ConstructorParameters<typeof OperationMetrics>[2];

  constructor(
    readonly config: OpenAiMetricsConfig,
    @InjectMetric(OPENAI_API_REQUESTS_TOTAL) requests: Counter<string>,
    @InjectMetric(OPENAI_API_REQUEST_DURATION_MS) duration: Histogram<string>,
    @InjectMetric(OPENAI_API_TOKENS_TOTAL) tokens: Counter<string>,
    @InjectMetric(OPENAI_API_TOKEN_DETAILS_TOTAL) tokenDetails: Counter<string>,
    @InjectMetric(OPENAI_API_COST_USD_TOTAL) cost: Counter<string>,
    @InjectMetric(OPENAI_API_ERRORS_TOTAL) errors: Counter<string>,
    @InjectMetric(OPENAI_API_RETRIES_TOTAL) retries: Counter<string>,
    @InjectMetric(OPENAI_API_IN_FLIGHT) inFlight: Gauge<string>,
    @InjectMetric(OPENAI_API_TIME_TO_FIRST_TOKEN_MS) timeToFirstToken: Histogram<string>,
    @InjectMetric(OPENAI_API_RATELIMIT_REMAINING) rateLimitRemaining: Gauge<string>,
    @InjectMetric(OPENAI_API_RATELIMIT_LIMIT) rateLimitLimit: Gauge<string>,
    @InjectMetric(OPENAI_API_RATELIMIT_RESET_SECONDS) rateLimitReset: Gauge<string>,
  ) {
    this.sinks = {
      requests: bufferOf(requests),
      tokens: bufferOf(tokens),
      tokenDetails: bufferOf(tokenDetails),
      cost: bufferOf(cost),
      errors: bufferOf(errors),
      retries: bufferOf(retries),
      inFlight: bufferOf(inFlight),
      duration,
      timeToFirstToken,
      recordFailureDuration: config.recordFailureDuration,
      priceOf: (model) => config.prices.get(model),
    };
    this.rateLimit = {
      remaining: bufferOf(rateLimitRemaining),
      limit: bufferOf(rateLimitLimit),
      reset: bufferOf(rateLimitReset),
    };
  }

  get enabled(): boolean {
    return this.config.enabled;
  }

  /** The label-resolved recorder of one (capability, operation) pair; cached. */
  operation(capability: string, operation: string): OperationMetrics {
    const key = `${capability}\u0000${operation}`;
    let metrics = this.operations.get(key);
    if (!metrics) {
      metrics = new OperationMetrics(capability, operation, this.sinks);
      this.operations.set(key, metrics);
    }
    return metrics;
  }

  recordSuccess(outcome: SuccessOutcome): void {
    if (!this.enabled) return;
    const operation = this.operation(outcome.capability, outcome.operation);
    this.recordSucceeded(operation, outcome.durationMs, outcome.calls, outcome.timeToFirstTokenMs, outcome.streamModel);
  }

  recordFailure(outcome: FailureOutcome): void {
    if (!this.enabled) return;
    const operation = this.operation(outcome.capability, outcome.operation);
    const errorType = classifyOpenAiError(outcome.error);
    this.recordFailed(operation, outcome.durationMs, errorType, outcome.timeToFirstTokenMs, outcome.streamModel);
  }

  recordRetry(capability: string, operation: string, errorType: OpenAiErrorType): void {
    if (this.enabled) this.operation(capability, operation).retried(errorType);
  }

  /** Latest `x-ratelimit-*` values; labelled by requested model only, as limits are per model. */
  recordRateLimits(model: string | undefined, snapshot: RateLimitSnapshot): void {
    if (!this.enabled) return;
    const label = this.config.modelGuard.label(model);
    let series = this.rateLimitSeries.get(label);
    if (!series) {
      series = { requests: this.rateLimitSeriesOf('requests', label), tokens: this.rateLimitSeriesOf('tokens', label) };
      this.rateLimitSeries.set(label, series);
    }
    this.setRateLimit(series.requests, snapshot.requests);
    this.setRateLimit(series.tokens, snapshot.tokens);
  }

  /** @internal used by the decorator, which resolved `operation` once. */
  begin(operation: OperationMetrics): void {
    if (this.enabled) operation.started();
  }

  /** @internal ends an operation the decorator began. */
  succeed(
    operation: OperationMetrics,
    durationMs: number,
    calls: readonly CallUsage[],
    timeToFirstTokenMs?: number,
    streamModel?: string,
  ): void {
    if (!this.enabled) return;
    operation.ended();
    this.recordSucceeded(operation, durationMs, calls, timeToFirstTokenMs, streamModel);
  }

  /** @internal ends an operation the decorator began. */
  fail(
    operation: OperationMetrics,
    durationMs: number,
    errorType: OpenAiErrorType,
    timeToFirstTokenMs?: number,
    streamModel?: string,
  ): void {
    if (!this.enabled) return;
    operation.ended();
    this.recordFailed(operation, durationMs, errorType, timeToFirstTokenMs, streamModel);
  }

  private recordSucceeded(
    operation: OperationMetrics,
    durationMs: number,
    calls: readonly CallUsage[],
    timeToFirstTokenMs: number | undefined,
    streamModel: string | undefined,
  ): void {
    operation.succeeded(durationMs);
    const guard = this.config.modelGuard;
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      const priced = operation.tokens(guard.label(call.model), call.usage);
      if (!priced) this.warnUnpriced(call.model);
    }
    if (timeToFirstTokenMs !== undefined) operation.timeToFirstToken(guard.label(streamModel), timeToFirstTokenMs);
  }

  private recordFailed(
    operation: OperationMetrics,
    durationMs: number,
    errorType: OpenAiErrorType,
    timeToFirstTokenMs: number | undefined,
    streamModel: string | undefined,
  ): void {
    operation.failed(durationMs, errorType);
    if (timeToFirstTokenMs !== undefined) {
      operation.timeToFirstToken(this.config.modelGuard.label(streamModel), timeToFirstTokenMs);
    }
  }

  private rateLimitSeriesOf(type: 'requests' | 'tokens', model: string): RateLimitSeries {
    const labels = { type, model };
    const { remaining, limit, reset } = this.rateLimit;
    return { remaining: remaining.series(labels), limit: limit.series(labels), reset: reset.series(labels) };
  }

  private setRateLimit(series: RateLimitSeries, state: RateLimitState): void {
    const { remaining, limit, reset } = this.rateLimit;
    if (state.remaining !== undefined) remaining.set(series.remaining, state.remaining);
    if (state.limit !== undefined) limit.set(series.limit, state.limit);
    if (state.resetSeconds !== undefined) reset.set(series.reset, state.resetSeconds);
  }

  private warnUnpriced(model: string | undefined): void {
    const name = model ?? '(unknown)';
    if (this.warnedModels.has(name) || this.warnedModels.size >= MAX_PRICE_WARNINGS) return;
    this.warnedModels.add(name);
    this.logger.warn(`No price for model "${name}": its calls record tokens but no cost. Add it with forRoot({ pricing }).`);
  }
}
