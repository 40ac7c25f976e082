export { OpenAiMetricsModule } from './lib/openai-metrics.module';
export {
  Instrumented,
  INSTRUMENTED_METADATA,
  type AsyncMethod,
  type InstrumentedDecorator,
  type InstrumentedMetadata,
} from './lib/instrumented/instrumented.decorator';
export { OpenAiClientService, type OpenAiRequestOptions } from './lib/client/openai-client.service';
export { MetricsController } from './lib/controller/metrics.controller';
export { clusterMetrics, isClusterWorker, runClustered, type ClusterOptions } from './lib/cluster/cluster-metrics';
export {
  OpenAiMetricsRecorder,
  type CallUsage,
  type SuccessOutcome,
  type FailureOutcome,
} from './lib/recorder/openai-metrics.recorder';
export type {
  BudgetOptions,
  BudgetWindow,
  PricingOptions,
  ServiceTierFactors,
  TenantOptions,
  OpenAiClientOptions,
  OpenAiMetricsModuleAsyncOptions,
  OpenAiMetricsModuleOptions,
  OpenAiMetricsRuntimeOptions,
  OpenAiMetricsStaticOptions,
  RetryOptions,
} from './lib/interfaces/openai-metrics-options.interface';
export type { OpenAiMetricsOptionsFactory } from './lib/interfaces/openai-metrics-options-factory.interface';
export type { RateLimitSnapshot, RateLimitState } from './lib/rate-limit/rate-limit-headers';
export type { ModelPrice, ModelPriceTable } from './lib/pricing/model-price.interface';
export { validatePriceTable } from './lib/pricing/price-table.validator';
export { OPENAI_LIST_PRICES, OPENAI_LIST_PRICES_DATE, OPENAI_LIST_PRICES_SOURCE } from './lib/pricing/openai-list-prices';
export { DEFAULT_SERVICE_TIER_FACTORS } from './lib/pricing/service-tier';
export { GENAI_PRICES_DATA_DATE, GENAI_PRICES_VERSION } from './lib/pricing/genai-prices-data';
export { PRICE_UPDATE_URL } from './lib/pricing/price-update';
export { METRICS_ROUTE, OPENAI_METRICS_OPTIONS } from './lib/openai-metrics.constants';
export * from './lib/metrics/metric-names';
export { classifyOpenAiError, ERROR_TYPES, type OpenAiErrorType } from './lib/errors/error-type';
export { OpenAiResponseError } from './lib/errors/openai-response.error';
export { retryAfterMs } from './lib/retry/retry-after';
export { DEFAULT_RETRY_OPTIONS, isRetryableError } from './lib/retry/retry-policy';
export { OTHER_MODEL } from './lib/labels/model-label.guard';
export type { TokenUsage, UnitUsage } from './lib/usage/token-usage';
