import type { Recording } from './corpus';
import { seriesKey } from './metric-series';
import { type Billing, expectedCost, isPriced } from './price-oracle';
import { expectedRateLimits } from './rate-limit-oracle';
import { recordedAnswer } from './recorded-answer';
import { type ReplayEndpoint, uploadModel } from './replay-call';

type Json = Record<string, unknown>;

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  408: 'timeout',
  422: 'unprocessable',
  429: 'rate_limit',
};

export interface Expectation {
  attempts: number;
  success: boolean;
  /** The usage object the answer reported, as recorded. */
  usage?: Json;
  /** Every non-zero `openai_api_*` series (and every rate-limit gauge) the scrape must show, and no other. */
  series: Record<string, unknown>;
}

function errorType(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? 'server_error' : 'other');
}

function isRetryable(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The requested model: the body's, the upload's, or the answer's without its date. */
function requestedModel(recording: Recording, endpoint: ReplayEndpoint, answered: string | undefined): string | undefined {
  const requested = recording.request.body?.['model'];
  if (typeof requested === 'string') return requested;
  if (endpoint === 'transcriptions' || endpoint === 'translations') return uploadModel(recording);
  return answered?.replace(/-\d{4}-\d{2}-\d{2}$/, '');
}

function tokenCounts(usage: Json): { input?: number; output?: number; cached?: number; reasoning?: number } {
  const chatShape = typeof usage['prompt_tokens'] === 'number';
  const inputDetails = (usage['prompt_tokens_details'] ?? usage['input_tokens_details']) as Json | undefined;
  const outputDetails = (usage['completion_tokens_details'] ?? usage['output_tokens_details']) as Json | undefined;
  const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    input: num(chatShape ? usage['prompt_tokens'] : usage['input_tokens']),
    output: num(chatShape ? usage['completion_tokens'] : usage['output_tokens']),
    cached: num(inputDetails?.['cached_tokens']),
    reasoning: num(outputDetails?.['reasoning_tokens']),
  };
}

/** Relative 1e-9, as `toEqual` sees it. */
function closeTo(value: number): unknown {
  return expect.closeTo(value, Math.max(0, Math.ceil(-Math.log10(value * 2e-9))));
}

/**
 * What the metrics must say after the recording was replayed once through `@Instrumented(capability,
 * endpoint)`, worked out from the recording alone. Throws for a recording it cannot judge.
 */
export function expectedSeries(recording: Recording, endpoint: ReplayEndpoint, capability: string, maxAttempts: number): Expectation {
  const { status, headers } = recording.response;
  const answer = recordedAnswer(recording);
  if (answer.finalEvent === 'response.failed') throw new Error(`${recording.name}: a failed Responses stream has no agreed outcome yet`);
  const success = status >= 200 && status < 300;
  const attempts = isRetryable(status) ? maxAttempts : 1;
  const operation = { capability, operation: endpoint };
  const series: Record<string, unknown> = {};
  const add = (name: string, labels: Record<string, string>, value: unknown) => {
    if (value !== 0 && value !== undefined) series[seriesKey(name, labels)] = value;
  };

  const outcome = success ? 'success' : 'failure';
  add('openai_api_requests_total', { ...operation, status: outcome }, 1);
  if (success) add('openai_api_request_duration_ms_count', { ...operation, status: outcome }, 1);
  else add('openai_api_errors_total', { ...operation, error_type: errorType(status) }, 1);
  add('openai_api_retries_total', { ...operation, error_type: errorType(status) }, attempts - 1);

  const requested = requestedModel(recording, endpoint, answer.model);
  const label = () => {
    if (requested === undefined) throw new Error(`${recording.name}: no model to label its series with`);
    return isPriced(requested) ? requested : 'other';
  };
  for (const reading of expectedRateLimits(headers)) {
    series[seriesKey(reading.name, { type: reading.type, model: label() })] = reading.value;
  }

  let billing: Billing | undefined;
  const usage = answer.usage;
  if (usage?.['type'] === 'duration') {
    billing = { usage };
    add('openai_api_audio_seconds_total', { ...operation, model: label() }, Number(usage['seconds']));
  } else if (usage) {
    billing = { usage };
    const tokens = tokenCounts(usage);
    if (tokens.input === undefined) throw new Error(`${recording.name}: usage without input tokens: ${JSON.stringify(usage)}`);
    add('openai_api_tokens_total', { ...operation, type: 'input', model: label() }, tokens.input);
    add('openai_api_tokens_total', { ...operation, type: 'output', model: label() }, tokens.output);
    add('openai_api_token_details_total', { ...operation, type: 'cached_input', model: label() }, tokens.cached);
    add('openai_api_token_details_total', { ...operation, type: 'reasoning', model: label() }, tokens.reasoning);
  } else if (success && endpoint === 'images' && requested?.startsWith('dall-e')) {
    billing = { images: answer.images ?? 0 };
    add('openai_api_images_total', { ...operation, model: label() }, billing.images);
  }

  if (billing && requested !== undefined) {
    const cost = expectedCost(requested, billing, answer.serviceTier);
    if (cost === undefined) throw new Error(`${recording.name}: neither the price database nor the defaults file prices ${requested}`);
    if (cost !== 0) series[seriesKey('openai_api_cost_usd_total', { ...operation, model: label() })] = closeTo(cost);
  }
  return { attempts, success, usage, series };
}
