export { OpenAiMetricsModule } from './lib/openai-metrics.module';
export { Instrumented, INSTRUMENTED_METADATA, type InstrumentedMetadata } from './lib/instrumented/instrumented.decorator';
export { OpenAiClientService } from './lib/client/openai-client.service';
export { MetricsController } from './lib/controller/metrics.controller';
export {
  OpenAiMetricsRecorder,
  type CallUsage,
  type SuccessOutcome,
  type FailureOutcome,
} from './lib/recorder/openai-metrics.recorder';
export type {
  OpenAiClientOptions,
  OpenAiMetricsModuleAsyncOptions,
  OpenAiMetricsModuleOptions,
  OpenAiMetricsRuntimeOptions,
  OpenAiMetricsStaticOptions,
  RetryOptions,
} from './lib/interfaces/openai-metrics-options.interface';
export type { ModelPrice, ModelPriceTable } from './lib/pricing/model-price.interface';
export { DEFAULT_MODEL_PRICES, DEFAULT_MODEL_PRICES_DATE } from './lib/pricing/default-model-prices';
export { METRICS_ROUTE, OPENAI_METRICS_OPTIONS } from './lib/openai-metrics.constants';
export * from './lib/metrics/metric-names';
export { classifyOpenAiError, ERROR_TYPES, type OpenAiErrorType } from './lib/errors/error-type';
export { OpenAiResponseError } from './lib/errors/openai-response.error';
export { retryAfterMs } from './lib/retry/retry-after';
export { DEFAULT_RETRY_OPTIONS, isRetryableError } from './lib/retry/retry-policy';
export { OTHER_MODEL } from './lib/labels/model-label.guard';
export type { TokenUsage } from './lib/usage/token-usage';
