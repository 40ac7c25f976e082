import type { Provider } from '@nestjs/common';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { type HistogramBuffer, histogramBufferOf } from './histogram-buffer';
import * as names from './metric-names';
import { adoptForeignMetric } from './openai-metrics.providers';
import { bufferOf, type SeriesBuffer } from './series-buffer';

const BUFFERED = {
  requests: names.OPENAI_API_REQUESTS_TOTAL,
  tokens: names.OPENAI_API_TOKENS_TOTAL,
  tokenDetails: names.OPENAI_API_TOKEN_DETAILS_TOTAL,
  cost: names.OPENAI_API_COST_USD_TOTAL,
  errors: names.OPENAI_API_ERRORS_TOTAL,
  retries: names.OPENAI_API_RETRIES_TOTAL,
  inFlight: names.OPENAI_API_IN_FLIGHT,
  rateLimitRemaining: names.OPENAI_API_RATELIMIT_REMAINING,
  rateLimitLimit: names.OPENAI_API_RATELIMIT_LIMIT,
  rateLimitReset: names.OPENAI_API_RATELIMIT_RESET_SECONDS,
  images: names.OPENAI_API_IMAGES_TOTAL,
  audioSeconds: names.OPENAI_API_AUDIO_SECONDS_TOTAL,
  speechCharacters: names.OPENAI_API_SPEECH_CHARACTERS_TOTAL,
  unpriced: names.OPENAI_API_UNPRICED_CALLS_TOTAL,
  instrumentationErrors: names.OPENAI_API_INSTRUMENTATION_ERRORS_TOTAL,
  pricesUpdated: names.OPENAI_API_PRICES_UPDATED_TIMESTAMP_SECONDS,
  pricesInfo: names.OPENAI_API_PRICES_INFO,
  tenantRequests: names.OPENAI_API_TENANT_REQUESTS_TOTAL,
  tenantTokens: names.OPENAI_API_TENANT_TOKENS_TOTAL,
  tenantCost: names.OPENAI_API_TENANT_COST_USD_TOTAL,
  budget: names.OPENAI_API_BUDGET_USD,
} as const;

const HISTOGRAMS = {
  duration: names.OPENAI_API_REQUEST_DURATION_MS,
  timeToFirstToken: names.OPENAI_API_TIME_TO_FIRST_TOKEN_MS,
  timePerOutputToken: names.OPENAI_API_TIME_PER_OUTPUT_TOKEN_MS,
} as const;

type BufferName = keyof typeof BUFFERED;
type HistogramName = keyof typeof HISTOGRAMS;

/**
 * The module's metrics in one object, as the buffers that recording writes to. Built from the
 * providers of `openAiMetricProviders`.
 */
export class OpenAiMetricSet {
  readonly buffers: Readonly<Record<BufferName, SeriesBuffer>>;
  readonly histograms: Readonly<Record<HistogramName, HistogramBuffer>>;
  /** Metrics that were registered elsewhere before this module, under one of our names. */
  readonly foreign: string[] = [];

  constructor(buffered: ReadonlyArray<Counter<string> | Gauge<string>>, histograms: ReadonlyArray<Histogram<string>>) {
    for (const metric of buffered) {
      const kind = (metric as unknown as { type?: string }).type === 'gauge' ? 'gauge' : 'counter';
      if (adoptForeignMetric(metric, kind)) this.foreign.push((metric as unknown as { name: string }).name);
    }
    const bufferNames = Object.keys(BUFFERED) as BufferName[];
    this.buffers = Object.fromEntries(bufferNames.map((name, i) => [name, bufferOf(buffered[i])])) as Record<BufferName, SeriesBuffer>;
    for (const histogram of histograms) {
      if (adoptForeignMetric(histogram, 'histogram')) this.foreign.push((histogram as unknown as { name: string }).name);
    }
    const histogramNames = Object.keys(HISTOGRAMS) as HistogramName[];
    this.histograms = Object.fromEntries(histogramNames.map((name, i) => [name, histogramBufferOf(histograms[i])])) as Record<
      HistogramName,
      HistogramBuffer
    >;
  }

  /** A failure while a buffer hands its values to prom-client (at scrape time) is reported here. */
  onFlushError(report: (error: unknown) => void): void {
    for (const buffer of [...Object.values(this.buffers), ...Object.values(this.histograms)]) buffer.onError = report;
  }

  static provider(): Provider {
    const buffered = Object.values(BUFFERED);
    const histograms = Object.values(HISTOGRAMS);
    return {
      provide: OpenAiMetricSet,
      useFactory: (...metrics: unknown[]) =>
        new OpenAiMetricSet(
          metrics.slice(0, buffered.length) as Array<Counter<string> | Gauge<string>>,
          metrics.slice(buffered.length) as Array<Histogram<string>>,
        ),
      inject: [...buffered, ...histograms].map((name) => getToken(name)),
    };
  }
}
