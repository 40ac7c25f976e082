/** Metric names are a contract with dashboards and alerts: never rename them. */
export const OPENAI_API_REQUESTS_TOTAL = 'openai_api_requests_total';
export const OPENAI_API_REQUEST_DURATION_MS = 'openai_api_request_duration_ms';
export const OPENAI_API_TOKENS_TOTAL = 'openai_api_tokens_total';
export const OPENAI_API_COST_USD_TOTAL = 'openai_api_cost_usd_total';
export const OPENAI_API_TOKEN_DETAILS_TOTAL = 'openai_api_token_details_total';
export const OPENAI_API_ERRORS_TOTAL = 'openai_api_errors_total';
export const OPENAI_API_RETRIES_TOTAL = 'openai_api_retries_total';
export const OPENAI_API_IN_FLIGHT = 'openai_api_in_flight';
export const OPENAI_API_RATELIMIT_REMAINING = 'openai_api_ratelimit_remaining';
export const OPENAI_API_RATELIMIT_LIMIT = 'openai_api_ratelimit_limit';
export const OPENAI_API_RATELIMIT_RESET_SECONDS = 'openai_api_ratelimit_reset_seconds';
export const OPENAI_API_TIME_TO_FIRST_TOKEN_MS = 'openai_api_time_to_first_token_ms';

export const DEFAULT_DURATION_BUCKETS_MS: readonly number[] = [1000, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000];
export const TIME_TO_FIRST_TOKEN_BUCKETS_MS: readonly number[] = [50, 100, 250, 500, 1000, 2000, 5000, 10000];
export const OPENAI_API_IMAGES_TOTAL = 'openai_api_images_total';
export const OPENAI_API_AUDIO_SECONDS_TOTAL = 'openai_api_audio_seconds_total';
export const OPENAI_API_SPEECH_CHARACTERS_TOTAL = 'openai_api_speech_characters_total';
export const OPENAI_API_TIME_PER_OUTPUT_TOKEN_MS = 'openai_api_time_per_output_token_ms';
export const OPENAI_API_INSTRUMENTATION_ERRORS_TOTAL = 'openai_api_instrumentation_errors_total';
export const OPENAI_API_UNPRICED_CALLS_TOTAL = 'openai_api_unpriced_calls_total';
export const OPENAI_API_PRICES_UPDATED_TIMESTAMP_SECONDS = 'openai_api_prices_updated_timestamp_seconds';
export const OPENAI_API_PRICES_INFO = 'openai_api_prices_info';
export const OPENAI_API_TENANT_REQUESTS_TOTAL = 'openai_api_tenant_requests_total';
export const OPENAI_API_TENANT_TOKENS_TOTAL = 'openai_api_tenant_tokens_total';
export const OPENAI_API_TENANT_COST_USD_TOTAL = 'openai_api_tenant_cost_usd_total';
export const OPENAI_API_BUDGET_USD = 'openai_api_budget_usd';

export const TIME_PER_OUTPUT_TOKEN_BUCKETS_MS: readonly number[] = [5, 10, 20, 30, 50, 75, 100, 150, 250, 500];
