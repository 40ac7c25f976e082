import type { OpenAiMetricsRuntimeOptions } from './openai-metrics-options.interface';

/** A class that computes the module's options, for `forRootAsync({ useClass })` or `useExisting`. */
export interface OpenAiMetricsOptionsFactory {
  createOpenAiMetricsOptions(): OpenAiMetricsRuntimeOptions | Promise<OpenAiMetricsRuntimeOptions>;
}
