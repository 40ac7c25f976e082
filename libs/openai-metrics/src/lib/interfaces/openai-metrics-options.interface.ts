import type { ModuleMetadata, Type } from '@nestjs/common';
import type { ClientOptions } from 'openai';
import type { ModelPriceTable } from '../pricing/model-price.interface';

/** Passed to the `openai` SDK; its own `maxRetries` is always forced to 0 (the decorator retries). */
export type OpenAiClientOptions = Omit<ClientOptions, 'maxRetries'>;

export interface RetryOptions {
  /** Attempts per logical operation, the first included. Default 3. */
  maxAttempts?: number;
  /** First backoff delay; doubles on each retry. Default 500. */
  baseDelayMs?: number;
  /** Upper bound of any wait, `retry-after` included. Default 8000. */
  maxDelayMs?: number;
}

/** Options a `forRootAsync` factory may compute at run time. */
export interface OpenAiMetricsRuntimeOptions {
  openai?: OpenAiClientOptions;
  retry?: RetryOptions;
  /** Overrides or extends the default price table (USD per 1M tokens). */
  pricing?: ModelPriceTable;
  /** Model names kept as `model` label values besides the priced ones; any other becomes `other`. */
  models?: readonly string[];
  /** Observe failures in the duration histogram with `status="failure"`. Default false. */
  recordFailureDuration?: boolean;
  /** When false, operations still run and retry but record no metric. Default true. */
  enabled?: boolean;
}

/** Options fixed when the module is declared (controllers and metric shapes cannot change later). */
export interface OpenAiMetricsStaticOptions {
  /** Route that serves the registry; `false` serves none. Default '/metrics'. */
  metricsPath?: string | false;
  /** A subclass of `MetricsController`, e.g. to add guards or metadata to the route. */
  controller?: Type<unknown>;
  /** prom-client's process metrics. Default true. */
  defaultMetrics?: boolean;
  /** Buckets of `openai_api_request_duration_ms`. Default the seed's. */
  durationBuckets?: readonly number[];
}

export type OpenAiMetricsModuleOptions = OpenAiMetricsRuntimeOptions & OpenAiMetricsStaticOptions;

export interface OpenAiMetricsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'>, OpenAiMetricsStaticOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inject?: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => OpenAiMetricsRuntimeOptions | Promise<OpenAiMetricsRuntimeOptions>;
}
