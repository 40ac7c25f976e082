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
