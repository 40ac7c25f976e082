import type { Provider } from '@nestjs/common';
import {
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
} from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import {
  DEFAULT_DURATION_BUCKETS_MS,
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
  TIME_TO_FIRST_TOKEN_BUCKETS_MS,
} from './metric-names';
import { bufferOf } from './series-buffer';

const OPERATION_LABELS = ['capability', 'operation'];

function bufferedCounter(name: string, help: string, labelNames: string[]): Provider {
  return makeCounterProvider({
    name,
    help,
    labelNames,
    collect(this: Counter<string>) {
      bufferOf(this).flushCounter(this);
    },
  });
}

function bufferedGauge(name: string, help: string, labelNames: string[]): Provider {
  return makeGaugeProvider({
    name,
    help,
    labelNames,
    collect(this: Gauge<string>) {
      bufferOf(this).flushGauge(this);
    },
  });
}

/** Every metric the module owns, as Nest providers injectable with `@InjectMetric(name)`. */
export function openAiMetricProviders(durationBuckets: readonly number[] = DEFAULT_DURATION_BUCKETS_MS): Provider[] {
  return [
    bufferedCounter(OPENAI_API_REQUESTS_TOTAL, 'OpenAI API logical operations by final outcome', [
      ...OPERATION_LABELS,
      'status',
    ]),
    makeHistogramProvider({
      name: OPENAI_API_REQUEST_DURATION_MS,
      help: 'Duration of OpenAI API logical operations in milliseconds, retry waits included',
      labelNames: [...OPERATION_LABELS, 'status'],
      buckets: [...durationBuckets],
    }),
    bufferedCounter(OPENAI_API_TOKENS_TOTAL, 'OpenAI API tokens used by successful operations', [
      ...OPERATION_LABELS,
      'type',
      'model',
    ]),
    bufferedCounter(OPENAI_API_COST_USD_TOTAL, 'Estimated OpenAI API spend in US dollars', [...OPERATION_LABELS, 'model']),
    bufferedCounter(OPENAI_API_TOKEN_DETAILS_TOTAL, 'Cached input and reasoning output tokens (subsets of tokens_total)', [
      ...OPERATION_LABELS,
      'type',
      'model',
    ]),
    bufferedCounter(OPENAI_API_ERRORS_TOTAL, 'Failed OpenAI API logical operations by error type', [
      ...OPERATION_LABELS,
      'error_type',
    ]),
    bufferedCounter(OPENAI_API_RETRIES_TOTAL, 'Retries performed inside OpenAI API operations by cause', [
      ...OPERATION_LABELS,
      'error_type',
    ]),
    bufferedGauge(OPENAI_API_IN_FLIGHT, 'OpenAI API logical operations under way', OPERATION_LABELS),
    bufferedGauge(OPENAI_API_RATELIMIT_REMAINING, 'Remaining OpenAI rate limit from the latest response headers', [
      'type',
      'model',
    ]),
    bufferedGauge(OPENAI_API_RATELIMIT_LIMIT, 'OpenAI rate limit from the latest response headers', ['type', 'model']),
    bufferedGauge(OPENAI_API_RATELIMIT_RESET_SECONDS, 'Seconds until the OpenAI rate limit resets', ['type', 'model']),
    makeHistogramProvider({
      name: OPENAI_API_TIME_TO_FIRST_TOKEN_MS,
      help: 'Milliseconds from the start of a streamed operation to its first content token',
      labelNames: [...OPERATION_LABELS, 'model'],
      buckets: [...TIME_TO_FIRST_TOKEN_BUCKETS_MS],
    }),
  ];
}
