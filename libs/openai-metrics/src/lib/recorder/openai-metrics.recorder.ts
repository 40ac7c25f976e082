import { Injectable, Logger } from '@nestjs/common';
import { classifyOpenAiError, type OpenAiErrorType } from '../errors/error-type';
import { activeSpanExemplar } from '../exemplars/trace-exemplar';
import { OpenAiMetricSet } from '../metrics/openai-metric-set';
import type { BufferedSeries } from '../metrics/series-buffer';
import type { RateLimitSnapshot } from '../rate-limit/rate-limit-headers';
import type { RetryPolicy } from '../retry/retry-policy';
import { RateLimitTracker } from '../rate-limit/rate-limit.tracker';
import { normalizeTokenUsage, type TokenUsage } from '../usage/token-usage';
import { OpenAiMetricsConfig } from './openai-metrics.config';
import { OperationMetrics } from './operation-metrics';
import { OperationRun, UNRECORDED_RUN } from './operation-run';
import { TenantMetrics } from './tenant-metrics';

/** Tokens of one successful call, under the model it requested. Missing detail counts are 0. */
export interface CallUsage {
  model: string | undefined;
  usage: Pick<TokenUsage, 'input' | 'output'> & Partial<TokenUsage>;
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
const MAX_LOGGED_CAUSES = 50;

/**
 * The one place outcomes become samples. An operation is recorded as a run: `begin` (in flight),
 * its calls' usage as it arrives, then exactly one `succeed` or `fail`. `@Instrumented` drives
 * runs; `recordSuccess` and `recordFailure` are the same path for callers that time operations
 * themselves.
 */
@Injectable()
export class OpenAiMetricsRecorder {
  private readonly logger = new Logger('OpenAiMetrics');
  private readonly operations = new Map<string, OperationMetrics>();
  private readonly tenants = new Map<string, TenantMetrics>();
  private readonly warnedModels = new Set<string>();
  private readonly errorSeries = new Map<string, BufferedSeries>();
  private readonly loggedCauses = new Set<string>();
  private readonly rateLimits: RateLimitTracker;
  private prices: { updated: BufferedSeries; info: BufferedSeries; source: string; version: string } | undefined;

  /** @internal Built by Nest's injector. */
  constructor(
    private readonly config: OpenAiMetricsConfig,
    private readonly metrics: OpenAiMetricSet,
  ) {
    const { rateLimitRemaining, rateLimitLimit, rateLimitReset } = metrics.buffers;
    this.rateLimits = new RateLimitTracker({ remaining: rateLimitRemaining, limit: rateLimitLimit, reset: rateLimitReset });
    const parse = (): void => this.rateLimits.parsePending();
    for (const gauge of [rateLimitRemaining, rateLimitLimit, rateLimitReset]) gauge.beforeFlush = parse;
    metrics.buffers.inFlight.beforeFlush = () => {
      for (const operation of this.operations.values()) operation.exportInFlight();
    };
    metrics.onFlushError((error) => this.instrumentationError('collect', error));
    for (const name of metrics.foreign) {
      this.instrumentationError('register', new Error(`${name} was registered elsewhere before this module; its samples may be lost`));
    }
  }

  get enabled(): boolean {
    return this.config.enabled;
  }

  /** @internal Where `@Instrumented` asks whether and when to retry. */
  get retryPolicy(): RetryPolicy {
    return this.config.retryPolicy;
  }

  /** Records a whole operation that the caller ran and timed itself. */
  recordSuccess(outcome: SuccessOutcome): void {
    const run = this.begin(this.operation(outcome.capability, outcome.operation));
    for (const call of outcome.calls) run.usage(call.model, { tokens: normalizeTokenUsage(call.usage) });
    run.succeed(outcome.durationMs, outcome.timeToFirstTokenMs, outcome.streamModel);
  }

  recordFailure(outcome: FailureOutcome): void {
    const run = this.begin(this.operation(outcome.capability, outcome.operation));
    run.fail(outcome.durationMs, classifyOpenAiError(outcome.error), outcome.timeToFirstTokenMs, outcome.streamModel);
  }

  recordRetry(capability: string, operation: string, errorType: OpenAiErrorType): void {
    if (this.enabled) this.operation(capability, operation).retried(errorType);
  }

  /** Latest rate limits of a model, for callers that read `x-ratelimit-*` themselves. */
  recordRateLimits(model: string | undefined, snapshot: RateLimitSnapshot): void {
    if (!this.enabled) return;
    this.guarded('rate_limit', () => this.rateLimits.record(this.modelLabel(model), snapshot));
  }

  /** @internal The label-resolved metrics of one (capability, operation) pair; cached. */
  operation(capability: string, operation: string): OperationMetrics {
    const key = `${capability}\u0000${operation}`;
    let metrics = this.operations.get(key);
    if (!metrics) {
      metrics = new OperationMetrics(capability, operation, this.metrics, this.config.priceBook, this.config.recordFailureDuration);
      this.operations.set(key, metrics);
    }
    return metrics;
  }

  /** @internal Starts recording one operation: in flight from now, its tenant resolved now. */
  begin(metrics: OperationMetrics): OperationRun {
    if (!this.enabled) return UNRECORDED_RUN;
    try {
      metrics.started();
      return new OperationRun(this, metrics, this.tenantMetrics(), this.config.exemplars ? activeSpanExemplar() : undefined);
    } catch (error) {
      this.instrumentationError('begin', error);
      return UNRECORDED_RUN;
    }
  }

  /** @internal Budgets and the price data in use, exported once at start. */
  exportConfiguration(): void {
    if (!this.enabled) return;
    this.guarded('configuration', () => {
      const { budget } = this.metrics.buffers;
      for (const entry of this.config.budgets) {
        budget.set(budget.series({ budget: entry.name, window: entry.window, tenant: entry.tenant ?? '' }), entry.usd);
      }
    });
    this.exportPriceData();
  }

  /** @internal The date and name of the price data in use; after an update the replaced data's info series drops to 0. */
  exportPriceData(): void {
    if (!this.enabled) return;
    this.guarded('configuration', () => {
      const { pricesUpdated, pricesInfo } = this.metrics.buffers;
      const { source, version, updatedAt } = this.config.priceBook;
      let prices = this.prices;
      if (!prices || prices.source !== source || prices.version !== version) {
        if (prices) pricesInfo.set(prices.info, 0);
        prices = { updated: prices?.updated ?? pricesUpdated.series({}), info: pricesInfo.series({ source, version }), source, version };
        this.prices = prices;
      }
      pricesUpdated.set(prices.updated, Math.floor(updatedAt.getTime() / 1000));
      pricesInfo.set(prices.info, 1);
    });
  }

  /** @internal Response headers of one SDK call, parsed when scraped. */
  observeRateLimits(model: string | undefined, headers: Headers): void {
    if (this.enabled) this.rateLimits.observe(this.modelLabel(model), headers);
  }

  /** @internal */
  modelLabel(model: string | undefined): string {
    return this.config.modelGuard.label(model);
  }

  /** @internal A call whose usage could not be priced: counted by the run, logged here once per model. */
  unpriced(model: string): void {
    if (this.warnedModels.has(model) || this.warnedModels.size >= MAX_PRICE_WARNINGS) return;
    this.warnedModels.add(model);
    this.logger.warn(
      `No price for model "${model}": its calls record tokens but no cost (openai_api_unpriced_calls_total). Add it with forRoot({ pricing }).`,
    );
  }

  /** Counts a failure inside the instrumentation and logs its cause once; never throws. */
  instrumentationError(stage: string, error: unknown): void {
    try {
      const buffer = this.metrics.buffers.instrumentationErrors;
      let series = this.errorSeries.get(stage);
      if (!series) {
        series = buffer.series({ stage });
        this.errorSeries.set(stage, series);
      }
      buffer.add(series, 1);
      const name = error instanceof Error ? error.name : typeof error;
      const message = error instanceof Error ? String(error.message).split('\n')[0].slice(0, 160) : '';
      const cause = `${stage}: ${name}: ${message}`;
      if (this.loggedCauses.has(cause) || this.loggedCauses.size >= MAX_LOGGED_CAUSES) return;
      this.loggedCauses.add(cause);
      this.logger.warn(`Instrumentation failed (${cause}); the OpenAI call itself was not affected.`);
    } catch {
      // Nothing left to report to.
    }
  }

  private tenantMetrics(): TenantMetrics | undefined {
    const tenant = this.config.tenant;
    if (!tenant) return undefined;
    let value: string | undefined;
    try {
      value = tenant.resolve();
    } catch (error) {
      this.instrumentationError('tenant', error);
    }
    const label = this.config.tenantGuard.label(value);
    let metrics = this.tenants.get(label);
    if (!metrics) {
      metrics = new TenantMetrics(label, this.metrics);
      this.tenants.set(label, metrics);
    }
    return metrics;
  }

  private guarded(stage: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.instrumentationError(stage, error);
    }
  }
}
