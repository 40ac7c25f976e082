import type { Provider } from '@nestjs/common';
import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Aggregator, Counter, Gauge, Histogram } from 'prom-client';
import { histogramBufferOf } from './histogram-buffer';
import * as names from './metric-names';
import { bufferOf } from './series-buffer';

const OPERATION = ['capability', 'operation'];

type BufferedMetric = Counter<string> | Gauge<string> | Histogram<string>;
type MetricKind = 'counter' | 'gauge' | 'histogram';

function flushSafely(metric: Counter<string> | Gauge<string>, flush: () => void): void {
  try {
    flush();
  } catch (error) {
    bufferOf(metric).onError(error);
  }
}

const FLUSHES = Symbol('openai-monitoring.flushes');

function flushCounter(this: Counter<string>): void {
  flushSafely(this, () => bufferOf(this).flushCounter(this));
}

function flushGauge(this: Gauge<string>): void {
  flushSafely(this, () => bufferOf(this).flushGauge(this));
}

/** Each series is merged on its own and reports its own failure (`HistogramBuffer.flush`). */
function flushHistogram(this: Histogram<string>): void {
  histogramBufferOf(this).flush();
}

const FLUSH: Record<MetricKind, (this: never) => void> = { counter: flushCounter, gauge: flushGauge, histogram: flushHistogram };

/** prom-client copies every configuration key onto the metric, so this marks the metrics made here. */
const MARK = { [FLUSHES]: true } as object;

/** Decorated calls add to plain numbers; prom-client receives them in `collect()`, before every read. */
function bufferedCounter(name: string, help: string, labelNames: string[]): Provider {
  return makeCounterProvider({ name, help, labelNames, collect: flushCounter, ...MARK });
}

/** `aggregator`: how node:cluster's AggregatorRegistry combines the workers' values (default: their sum). */
function bufferedGauge(name: string, help: string, labelNames: string[], aggregator?: Aggregator): Provider {
  return makeGaugeProvider({ name, help, labelNames, collect: flushGauge, ...(aggregator ? { aggregator } : {}), ...MARK });
}

/** Observations are bucketed in plain numbers; prom-client receives them in `collect()`, before every read. */
function bufferedHistogram(name: string, help: string, labelNames: string[], buckets: readonly number[], enableExemplars: boolean): Provider {
  return makeHistogramProvider({ name, help, labelNames, buckets: [...buckets], enableExemplars, collect: flushHistogram, ...MARK });
}

/**
 * A metric of the same name registered elsewhere is reused by `@willsoto/nestjs-prometheus`
 * instead of ours, and it has no hook that flushes our buffer. This adds the hook (after its own,
 * if any) and says so: its labels may not fit ours, in which case each flush fails and is counted.
 */
export function adoptForeignMetric(metric: BufferedMetric, kind: MetricKind): boolean {
  if ((metric as unknown as { [FLUSHES]?: boolean })[FLUSHES]) return false;
  const own = (metric as unknown as { collect?: () => unknown }).collect;
  const flush = FLUSH[kind] as (this: unknown) => void;
  (metric as unknown as { collect: () => unknown }).collect = function (this: never) {
    const result = own?.call(this);
    flush.call(this);
    return result;
  };
  return true;
}

export interface MetricShapeOptions {
  durationBuckets?: readonly number[];
  exemplars?: boolean;
}

/** Every metric the module owns, as Nest providers injectable with `@InjectMetric(name)`. */
export function openAiMetricProviders(options: MetricShapeOptions = {}): Provider[] {
  const enableExemplars = options.exemplars === true;
  return [
    bufferedCounter(names.OPENAI_API_REQUESTS_TOTAL, 'OpenAI API logical operations by final outcome', [...OPERATION, 'status']),
    bufferedHistogram(
      names.OPENAI_API_REQUEST_DURATION_MS,
      'Duration of OpenAI API logical operations in milliseconds, retry waits included',
      [...OPERATION, 'status'],
      options.durationBuckets ?? names.DEFAULT_DURATION_BUCKETS_MS,
      enableExemplars,
    ),
    bufferedCounter(names.OPENAI_API_TOKENS_TOTAL, 'OpenAI API tokens billed to operations, under the requested model', [
      ...OPERATION,
      'type',
      'model',
    ]),
    bufferedCounter(names.OPENAI_API_COST_USD_TOTAL, 'Estimated OpenAI API spend in US dollars', [...OPERATION, 'model']),
    bufferedCounter(names.OPENAI_API_TOKEN_DETAILS_TOTAL, 'Cached input and reasoning output tokens (subsets of tokens_total)', [
      ...OPERATION,
      'type',
      'model',
    ]),
    bufferedCounter(names.OPENAI_API_ERRORS_TOTAL, 'Failed OpenAI API logical operations by error type', [...OPERATION, 'error_type']),
    bufferedCounter(names.OPENAI_API_RETRIES_TOTAL, 'Retries performed inside OpenAI API operations by cause', [
      ...OPERATION,
      'error_type',
    ]),
    bufferedGauge(names.OPENAI_API_IN_FLIGHT, 'OpenAI API logical operations under way', OPERATION),
    bufferedGauge(names.OPENAI_API_RATELIMIT_REMAINING, 'Remaining OpenAI rate limit from the latest response headers', [
      'type',
      'model',
    ], 'min'),
    bufferedGauge(names.OPENAI_API_RATELIMIT_LIMIT, 'OpenAI rate limit from the latest response headers', ['type', 'model'], 'max'),
    bufferedGauge(names.OPENAI_API_RATELIMIT_RESET_SECONDS, 'Seconds until the OpenAI rate limit resets', ['type', 'model'], 'max'),
    bufferedHistogram(
      names.OPENAI_API_TIME_TO_FIRST_TOKEN_MS,
      'Milliseconds from the start of a streamed operation to its first content token',
      [...OPERATION, 'model'],
      names.TIME_TO_FIRST_TOKEN_BUCKETS_MS,
      enableExemplars,
    ),
    bufferedHistogram(
      names.OPENAI_API_TIME_PER_OUTPUT_TOKEN_MS,
      'Milliseconds per output token of a stream, between its first and last content tokens',
      [...OPERATION, 'model'],
      names.TIME_PER_OUTPUT_TOKEN_BUCKETS_MS,
      false,
    ),
    bufferedCounter(names.OPENAI_API_IMAGES_TOTAL, 'Images returned by image endpoints that report no token usage (dall-e)', [
      ...OPERATION,
      'model',
    ]),
    bufferedCounter(names.OPENAI_API_AUDIO_SECONDS_TOTAL, 'Seconds of audio billed by duration (whisper-1)', [...OPERATION, 'model']),
    bufferedCounter(names.OPENAI_API_SPEECH_CHARACTERS_TOTAL, 'Characters of text sent to speech synthesis', [...OPERATION, 'model']),
    bufferedCounter(names.OPENAI_API_UNPRICED_CALLS_TOTAL, 'Successful calls whose usage could not be priced (no cost recorded)', [
      ...OPERATION,
      'model',
    ]),
    bufferedCounter(names.OPENAI_API_INSTRUMENTATION_ERRORS_TOTAL, 'Failures inside the instrumentation; the calls themselves were unaffected', [
      'stage',
    ]),
    bufferedGauge(names.OPENAI_API_PRICES_UPDATED_TIMESTAMP_SECONDS, 'Date of the price data in use, as a Unix timestamp', [], 'max'),
    bufferedGauge(names.OPENAI_API_PRICES_INFO, 'The price data in use (always 1)', ['source', 'version'], 'max'),
    bufferedCounter(names.OPENAI_API_TENANT_REQUESTS_TOTAL, 'OpenAI API logical operations per tenant by final outcome', [
      'tenant',
      'status',
    ]),
    bufferedCounter(names.OPENAI_API_TENANT_TOKENS_TOTAL, 'OpenAI API tokens per tenant', ['tenant', 'type', 'model']),
    bufferedCounter(names.OPENAI_API_TENANT_COST_USD_TOTAL, 'Estimated OpenAI API spend per tenant in US dollars', ['tenant', 'model']),
    bufferedGauge(names.OPENAI_API_BUDGET_USD, 'Configured spending budgets in US dollars', ['budget', 'window', 'tenant'], 'max'),
  ];
}
