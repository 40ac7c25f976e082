import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const OPERATION = ['capability', 'operation'] as const;

// Enough successes per failure (< 1% failures, inside the availability SLO) that the alerts stay silent on the fixture.
const SUCCESS_WEIGHT = 100;

/** Tenants of the per-tenant metrics; every call is spread over them. */
export const FIXTURE_TENANTS = ['acme', 'globex'] as const;

/** Budgets far above the fixture's spend, one per window; tenant "" is an all-tenant budget. */
const FIXTURE_BUDGETS = [
  { budget: 'all-hourly', window: '1h', tenant: '', usd: 50 },
  { budget: 'all-monthly', window: '30d', tenant: '', usd: 5000 },
  { budget: 'acme-daily', window: '24h', tenant: 'acme', usd: 200 },
  { budget: 'globex-weekly', window: '7d', tenant: 'globex', usd: 500 },
];

/** The price table is 10 days old: fresh enough for OpenAiPriceDataStale. */
const PRICES_AGE_SECONDS = 10 * 86_400;

export interface FixtureCall {
  capability: string;
  operation: string;
  model: string;
  /** Observed SUCCESS_WEIGHT times each per round. */
  durationsMs: number[];
  failures: number;
  errorTypes: string[];
  retryCauses: string[];
  inFlight: number;
  /** Streaming calls report time to first token. */
  firstTokenMs?: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  outputTokens: number;
}

/** Label combinations served by the fixture; every dashboard filter value has data in every metric. */
export const FIXTURE_CALLS: FixtureCall[] = [
  {
    capability: 'chat',
    operation: 'create',
    model: 'gpt-4o-mini',
    durationsMs: [800, 1200, 2600, 4200, 9000],
    failures: 1,
    errorTypes: ['rate_limit', 'timeout'],
    retryCauses: ['rate_limit'],
    inFlight: 2,
    firstTokenMs: 180,
    cachedInputTokens: 40,
    reasoningTokens: 16,
    outputTokens: 120,
  },
  {
    capability: 'responses',
    operation: 'create',
    model: 'o4-mini',
    durationsMs: [1500, 3000],
    failures: 1,
    errorTypes: ['server_error'],
    retryCauses: ['server_error'],
    inFlight: 1,
    firstTokenMs: 700,
    cachedInputTokens: 0,
    reasoningTokens: 300,
    outputTokens: 400,
  },
  {
    capability: 'embeddings',
    operation: 'create',
    model: 'text-embedding-3-small',
    durationsMs: [300],
    failures: 0,
    errorTypes: [],
    retryCauses: [],
    inFlight: 0,
    cachedInputTokens: 0,
    reasoningTokens: 0,
    outputTokens: 0,
  },
];

/** The concrete dashboard variable values that must match data in every panel. */
export const FIXTURE_FILTER_VALUES = {
  environment: 'local',
  capability: 'chat',
  operation: 'create',
  model: 'gpt-4o-mini',
} as const;

export interface FixtureRegistry {
  registry: Registry;
  /** Records one more round of calls for every FIXTURE_CALLS entry, so counters keep increasing. */
  advance(): void;
}

/** The metric contract of the openai-metrics library, on a fresh (non-global) registry. */
export function createFixtureRegistry(): FixtureRegistry {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'openai_api_requests_total',
    help: 'OpenAI API calls',
    labelNames: [...OPERATION, 'status'],
    registers,
  });
  const duration = new Histogram({
    name: 'openai_api_request_duration_ms',
    help: 'OpenAI API call duration in ms',
    labelNames: [...OPERATION, 'status'],
    buckets: [1000, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000],
    registers,
  });
  const tokens = new Counter({
    name: 'openai_api_tokens_total',
    help: 'Tokens',
    labelNames: [...OPERATION, 'type', 'model'],
    registers,
  });
  const cost = new Counter({
    name: 'openai_api_cost_usd_total',
    help: 'Estimated cost in USD',
    labelNames: [...OPERATION, 'model'],
    registers,
  });
  const tokenDetails = new Counter({
    name: 'openai_api_token_details_total',
    help: 'Cached input and reasoning tokens',
    labelNames: [...OPERATION, 'type', 'model'],
    registers,
  });
  const errors = new Counter({
    name: 'openai_api_errors_total',
    help: 'Errors by type',
    labelNames: [...OPERATION, 'error_type'],
    registers,
  });
  const retries = new Counter({
    name: 'openai_api_retries_total',
    help: 'Retries by cause',
    labelNames: [...OPERATION, 'error_type'],
    registers,
  });
  const inFlight = new Gauge({ name: 'openai_api_in_flight', help: 'In flight', labelNames: [...OPERATION], registers });
  const rateLimitRemaining = new Gauge({
    name: 'openai_api_ratelimit_remaining',
    help: 'Remaining',
    labelNames: ['type', 'model'],
    registers,
  });
  const rateLimitLimit = new Gauge({
    name: 'openai_api_ratelimit_limit',
    help: 'Limit',
    labelNames: ['type', 'model'],
    registers,
  });
  const rateLimitReset = new Gauge({
    name: 'openai_api_ratelimit_reset_seconds',
    help: 'Reset',
    labelNames: ['type', 'model'],
    registers,
  });
  // The metrics added with images, audio, tenants, budgets and prices; the help text is not under test.
  const counter = (name: string, labelNames: string[]) => new Counter({ name, help: name, labelNames, registers });
  const gauge = (name: string, labelNames: string[] = []) => new Gauge({ name, help: name, labelNames, registers });
  const images = counter('openai_api_images_total', [...OPERATION, 'model']);
  const audioSeconds = counter('openai_api_audio_seconds_total', [...OPERATION, 'model']);
  const speechCharacters = counter('openai_api_speech_characters_total', [...OPERATION, 'model']);
  const unpricedCalls = counter('openai_api_unpriced_calls_total', [...OPERATION, 'model']);
  const pricesUpdated = gauge('openai_api_prices_updated_timestamp_seconds');
  const pricesInfo = gauge('openai_api_prices_info', ['source', 'version']);
  const tenantRequests = counter('openai_api_tenant_requests_total', ['tenant', 'status']);
  const tenantTokens = counter('openai_api_tenant_tokens_total', ['tenant', 'type', 'model']);
  const tenantCost = counter('openai_api_tenant_cost_usd_total', ['tenant', 'model']);
  const budgets = gauge('openai_api_budget_usd', ['budget', 'window', 'tenant']);
  const timeToFirstToken = new Histogram({
    name: 'openai_api_time_to_first_token_ms',
    help: 'Time to first token in ms',
    labelNames: [...OPERATION, 'model'],
    buckets: [50, 100, 250, 500, 1000, 2000, 5000, 10000],
    registers,
  });

  let round = 0;
  const advance = (): void => {
    round += 1;
    pricesUpdated.set(Math.round(Date.now() / 1000) - PRICES_AGE_SECONDS);
    pricesInfo.set({ source: 'built-in', version: '2026-11-21' }, 1);
    for (const { usd, ...labels } of FIXTURE_BUDGETS) budgets.set(labels, usd);
    for (const call of FIXTURE_CALLS) {
      const operation = { capability: call.capability, operation: call.operation };
      const withModel = { ...operation, model: call.model };
      requests.inc({ ...operation, status: 'success' }, call.durationsMs.length * SUCCESS_WEIGHT);
      if (call.failures) requests.inc({ ...operation, status: 'failure' }, call.failures);
      for (const ms of call.durationsMs) {
        for (let i = 0; i < SUCCESS_WEIGHT; i++) duration.observe({ ...operation, status: 'success' }, ms);
      }
      tokens.inc({ ...withModel, type: 'input' }, 200);
      if (call.outputTokens) tokens.inc({ ...withModel, type: 'output' }, call.outputTokens);
      if (call.cachedInputTokens) tokenDetails.inc({ ...withModel, type: 'cached_input' }, call.cachedInputTokens);
      if (call.reasoningTokens) tokenDetails.inc({ ...withModel, type: 'reasoning' }, call.reasoningTokens);
      cost.inc(withModel, 0.0005);
      call.errorTypes.forEach((errorType) => errors.inc({ ...operation, error_type: errorType }));
      call.retryCauses.forEach((errorType) => retries.inc({ ...operation, error_type: errorType }));
      inFlight.set(operation, call.inFlight);
      if (call.firstTokenMs !== undefined) timeToFirstToken.observe(withModel, call.firstTokenMs);
      images.inc(withModel, 2);
      audioSeconds.inc(withModel, 12.5);
      speechCharacters.inc(withModel, 300);
      // Stays 0: the series exists for the panels, and OpenAiUnpricedCalls stays silent.
      unpricedCalls.inc(withModel, 0);
      for (const tenant of FIXTURE_TENANTS) {
        tenantRequests.inc({ tenant, status: 'success' }, call.durationsMs.length * SUCCESS_WEIGHT);
        if (call.failures) tenantRequests.inc({ tenant, status: 'failure' }, call.failures);
        tenantTokens.inc({ tenant, type: 'input', model: call.model }, 100);
        tenantCost.inc({ tenant, model: call.model }, 0.00025);
      }
      for (const type of ['requests', 'tokens'] as const) {
        const limit = type === 'requests' ? 500 : 200_000;
        rateLimitLimit.set({ type, model: call.model }, limit);
        rateLimitRemaining.set({ type, model: call.model }, limit - (round % 50) - 1);
        rateLimitReset.set({ type, model: call.model }, type === 'requests' ? 0.12 : 6);
      }
    }
  };
  return { registry, advance };
}
