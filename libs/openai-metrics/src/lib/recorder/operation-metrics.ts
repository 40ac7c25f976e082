import { ERROR_TYPES, type OpenAiErrorType } from '../errors/error-type';
import type { BufferedObservations } from '../metrics/histogram-buffer';
import type { OpenAiMetricSet } from '../metrics/openai-metric-set';
import type { BufferedSeries } from '../metrics/series-buffer';
import type { CallReport } from '../observation/call-report';
import type { TokenUsage, UnitUsage } from '../usage/token-usage';

/** What prices a call: the price book, seen from the recorder. */
export interface CallPricer {
  tokenCost(model: string, usage: TokenUsage, serviceTier?: string): number | undefined;
  unitCost(model: string, units: UnitUsage): number | undefined;
}

type Labels = Record<string, string>;

interface ModelSeries {
  input: BufferedSeries;
  output: BufferedSeries;
  cachedInput: BufferedSeries;
  reasoning: BufferedSeries;
  cost: BufferedSeries;
  unpriced: BufferedSeries;
  images: BufferedSeries | undefined;
  audioSeconds: BufferedSeries | undefined;
  speechCharacters: BufferedSeries | undefined;
  timeToFirstToken: BufferedObservations | undefined;
  timePerOutputToken: BufferedObservations | undefined;
  labels: Labels;
}

/**
 * Everything one (capability, operation) pair records, with its label sets resolved once, so that
 * recording costs a few additions and at most two histogram observations.
 */
export class OperationMetrics {
  private readonly success: BufferedSeries;
  private readonly failure: BufferedSeries;
  private readonly inFlight: BufferedSeries;
  private readonly successDuration: BufferedObservations;
  private readonly failureDuration: BufferedObservations;
  private readonly errors = new Map<OpenAiErrorType, BufferedSeries>();
  private readonly retries = new Map<OpenAiErrorType, BufferedSeries>();
  private readonly models = new Map<string, ModelSeries>();
  /** Operations started and not yet ended. */
  private active = 0;

  constructor(
    readonly capability: string,
    readonly operation: string,
    private readonly set: OpenAiMetricSet,
    private readonly pricer: CallPricer,
    private readonly recordFailureDuration: boolean,
  ) {
    const { requests, inFlight } = set.buffers;
    const successLabels = { capability, operation, status: 'success' };
    const failureLabels = { capability, operation, status: 'failure' };
    this.success = requests.series(successLabels);
    this.failure = requests.series(failureLabels);
    this.successDuration = set.histograms.duration.series(successLabels);
    this.failureDuration = set.histograms.duration.series(failureLabels);
    this.inFlight = inFlight.series({ capability, operation });
  }

  /** Exports the series that need no model at 0, so that `rate()` sees the first call. */
  declare(): void {
    const { requests, inFlight, errors, retries } = this.set.buffers;
    requests.touch(this.success);
    requests.touch(this.failure);
    inFlight.touch(this.inFlight);
    for (const type of ERROR_TYPES) {
      errors.touch(this.seriesFor(this.errors, 'errors', type));
      retries.touch(this.seriesFor(this.retries, 'retries', type));
    }
  }

  started(): void {
    this.active++;
  }

  ended(): void {
    this.active--;
  }

  /** The in-flight gauge is only read at scrape time, so calls count in a plain number and this hands it over before each read. */
  exportInFlight(): void {
    this.set.buffers.inFlight.set(this.inFlight, this.active);
  }

  succeeded(durationMs: number, exemplar: Labels | undefined): void {
    this.set.buffers.requests.add(this.success, 1);
    this.set.histograms.duration.observe(this.successDuration, durationMs, exemplar);
  }

  failed(durationMs: number, errorType: OpenAiErrorType, exemplar: Labels | undefined): void {
    const { requests, errors } = this.set.buffers;
    requests.add(this.failure, 1);
    errors.add(this.seriesFor(this.errors, 'errors', errorType), 1);
    if (this.recordFailureDuration) this.set.histograms.duration.observe(this.failureDuration, durationMs, exemplar);
  }

  retried(errorType: OpenAiErrorType): void {
    this.set.buffers.retries.add(this.seriesFor(this.retries, 'retries', errorType), 1);
  }

  /** Records one call's usage under a model label; returns its cost, or undefined when it could not be priced. */
  usage(model: string, report: CallReport): number | undefined {
    const series = this.modelSeries(model);
    const buffers = this.set.buffers;
    let cost: number | undefined = 0;
    const tokens = report.tokens;
    if (tokens) {
      buffers.tokens.add(series.input, tokens.input);
      buffers.tokens.add(series.output, tokens.output);
      buffers.tokenDetails.add(series.cachedInput, tokens.cachedInput);
      buffers.tokenDetails.add(series.reasoning, tokens.reasoning);
      cost = this.pricer.tokenCost(model, tokens, report.serviceTier);
    }
    const units = report.units;
    if (units) {
      if (units.images) buffers.images.add((series.images ??= buffers.images.series(series.labels)), units.images);
      if (units.audioSeconds) {
        buffers.audioSeconds.add((series.audioSeconds ??= buffers.audioSeconds.series(series.labels)), units.audioSeconds);
      }
      if (units.speechCharacters) {
        const speech = (series.speechCharacters ??= buffers.speechCharacters.series(series.labels));
        buffers.speechCharacters.add(speech, units.speechCharacters);
      }
      const unitCost = this.pricer.unitCost(model, units);
      cost = cost === undefined || unitCost === undefined ? undefined : cost + unitCost;
    }
    if (cost === undefined) buffers.unpriced.add(series.unpriced, 1);
    else buffers.cost.add(series.cost, cost);
    return cost;
  }

  timeToFirstToken(model: string, ms: number, exemplar: Labels | undefined): void {
    const { timeToFirstToken } = this.set.histograms;
    const series = this.modelSeries(model);
    timeToFirstToken.observe((series.timeToFirstToken ??= timeToFirstToken.series(series.labels)), ms, exemplar);
  }

  timePerOutputToken(model: string, ms: number): void {
    const { timePerOutputToken } = this.set.histograms;
    const series = this.modelSeries(model);
    timePerOutputToken.observe((series.timePerOutputToken ??= timePerOutputToken.series(series.labels)), ms);
  }

  private modelSeries(model: string): ModelSeries {
    let series = this.models.get(model);
    if (!series) {
      const { capability, operation } = this;
      const { tokens, tokenDetails, cost, unpriced } = this.set.buffers;
      const labels = { capability, operation, model };
      series = {
        input: tokens.series({ capability, operation, type: 'input', model }),
        output: tokens.series({ capability, operation, type: 'output', model }),
        cachedInput: tokenDetails.series({ capability, operation, type: 'cached_input', model }),
        reasoning: tokenDetails.series({ capability, operation, type: 'reasoning', model }),
        cost: cost.series(labels),
        unpriced: unpriced.series(labels),
        images: undefined,
        audioSeconds: undefined,
        speechCharacters: undefined,
        timeToFirstToken: undefined,
        timePerOutputToken: undefined,
        labels,
      };
      this.models.set(model, series);
    }
    return series;
  }

  private seriesFor(cache: Map<OpenAiErrorType, BufferedSeries>, buffer: 'errors' | 'retries', errorType: OpenAiErrorType): BufferedSeries {
    let series = cache.get(errorType);
    if (!series) {
      series = this.set.buffers[buffer].series({ capability: this.capability, operation: this.operation, error_type: errorType });
      cache.set(errorType, series);
    }
    return series;
  }
}
