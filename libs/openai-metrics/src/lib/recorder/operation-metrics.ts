import type { Histogram } from 'prom-client';
import type { OpenAiErrorType } from '../errors/error-type';
import type { BufferedSeries, SeriesBuffer } from '../metrics/series-buffer';
import type { ModelPrice } from '../pricing/model-price.interface';
import { costUsd } from '../pricing/cost';
import type { TokenUsage } from '../usage/token-usage';

/** The buffers and histograms every operation records into, shared by all operations. */
export interface MetricSinks {
  requests: SeriesBuffer;
  tokens: SeriesBuffer;
  tokenDetails: SeriesBuffer;
  cost: SeriesBuffer;
  errors: SeriesBuffer;
  retries: SeriesBuffer;
  inFlight: SeriesBuffer;
  duration: Histogram<string>;
  timeToFirstToken: Histogram<string>;
  recordFailureDuration: boolean;
  priceOf(model: string): ModelPrice | undefined;
}

interface ModelSeries {
  input: BufferedSeries;
  output: BufferedSeries;
  cachedInput: BufferedSeries;
  reasoning: BufferedSeries;
  cost: BufferedSeries;
  price: ModelPrice | undefined;
  ttftLabels: Record<string, string>;
}

/**
 * Everything one (capability, operation) pair records, with its label sets resolved once, so that
 * recording an outcome costs a few additions and at most two histogram observations.
 */
export class OperationMetrics {
  private readonly success: BufferedSeries;
  private readonly failure: BufferedSeries;
  private readonly inFlight: BufferedSeries;
  private readonly successLabels: Record<string, string>;
  private readonly failureLabels: Record<string, string>;
  private readonly errors = new Map<OpenAiErrorType, BufferedSeries>();
  private readonly retries = new Map<OpenAiErrorType, BufferedSeries>();
  private readonly models = new Map<string, ModelSeries>();

  constructor(
    readonly capability: string,
    readonly operation: string,
    private readonly sinks: MetricSinks,
  ) {
    this.successLabels = { capability, operation, status: 'success' };
    this.failureLabels = { capability, operation, status: 'failure' };
    this.success = sinks.requests.series(this.successLabels);
    this.failure = sinks.requests.series(this.failureLabels);
    this.inFlight = sinks.inFlight.series({ capability, operation });
  }

  started(): void {
    this.sinks.inFlight.set(this.inFlight, this.inFlight.pending + 1);
  }

  ended(): void {
    this.sinks.inFlight.set(this.inFlight, this.inFlight.pending - 1);
  }

  succeeded(durationMs: number): void {
    this.sinks.requests.add(this.success, 1);
    this.sinks.duration.observe(this.successLabels, durationMs);
  }

  failed(durationMs: number, errorType: OpenAiErrorType): void {
    const sinks = this.sinks;
    sinks.requests.add(this.failure, 1);
    sinks.errors.add(this.seriesFor(this.errors, sinks.errors, errorType), 1);
    if (sinks.recordFailureDuration) sinks.duration.observe(this.failureLabels, durationMs);
  }

  retried(errorType: OpenAiErrorType): void {
    this.sinks.retries.add(this.seriesFor(this.retries, this.sinks.retries, errorType), 1);
  }

  /** Adds one successful call's tokens and cost; `model` is an already guarded label value. */
  tokens(model: string, usage: TokenUsage): boolean {
    const series = this.model(model);
    const sinks = this.sinks;
    sinks.tokens.add(series.input, usage.input);
    sinks.tokens.add(series.output, usage.output);
    sinks.tokenDetails.add(series.cachedInput, usage.cachedInput);
    sinks.tokenDetails.add(series.reasoning, usage.reasoning);
    if (series.price === undefined) return false;
    sinks.cost.add(series.cost, costUsd(usage, series.price));
    return true;
  }

  timeToFirstToken(model: string, ms: number): void {
    this.sinks.timeToFirstToken.observe(this.model(model).ttftLabels, ms);
  }

  private model(model: string): ModelSeries {
    let series = this.models.get(model);
    if (!series) {
      series = this.createModelSeries(model);
      this.models.set(model, series);
    }
    return series;
  }

  private createModelSeries(model: string): ModelSeries {
    const { capability, operation, sinks } = this;
    const tokenSeries = (buffer: SeriesBuffer, type: string) => buffer.series({ capability, operation, type, model });
    return {
      input: tokenSeries(sinks.tokens, 'input'),
      output: tokenSeries(sinks.tokens, 'output'),
      cachedInput: tokenSeries(sinks.tokenDetails, 'cached_input'),
      reasoning: tokenSeries(sinks.tokenDetails, 'reasoning'),
      cost: sinks.cost.series({ capability, operation, model }),
      price: sinks.priceOf(model),
      ttftLabels: { capability, operation, model },
    };
  }

  private seriesFor(
    cache: Map<OpenAiErrorType, BufferedSeries>,
    buffer: SeriesBuffer,
    errorType: OpenAiErrorType,
  ): BufferedSeries {
    let series = cache.get(errorType);
    if (!series) {
      series = buffer.series({ capability: this.capability, operation: this.operation, error_type: errorType });
      cache.set(errorType, series);
    }
    return series;
  }
}
