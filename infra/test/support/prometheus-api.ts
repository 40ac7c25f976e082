export interface PrometheusSample {
  metric: Record<string, string>;
  /** [unix seconds, value as text] */
  value: [number, string];
}

export interface InstantQueryResult {
  resultType: 'vector' | 'scalar' | 'matrix' | 'string';
  result: PrometheusSample[];
}

/** A query Prometheus rejected (`errorType` "bad_data" = invalid PromQL) or could not run. */
export class PrometheusQueryError extends Error {
  constructor(
    readonly expr: string,
    readonly errorType: string,
    message: string,
  ) {
    super(`${errorType}: ${message}\n  in: ${expr}`);
    this.name = 'PrometheusQueryError';
  }
}

interface ApiResponse<T> {
  status: 'success' | 'error';
  data?: T;
  errorType?: string;
  error?: string;
}

/** Instant query through /api/v1/query; throws PrometheusQueryError unless the API answers status "success". */
export async function queryPrometheus(url: string, expr: string, time?: Date): Promise<InstantQueryResult> {
  const form = new URLSearchParams({ query: expr });
  if (time) form.set('time', String(time.getTime() / 1000));
  const response = await fetch(`${url}/api/v1/query`, { method: 'POST', body: form });
  const body = (await response.json()) as ApiResponse<InstantQueryResult>;
  if (body.status !== 'success' || !body.data) {
    throw new PrometheusQueryError(expr, body.errorType ?? `http_${response.status}`, body.error ?? 'no data');
  }
  // A scalar result is [time, value], not a list: normalise it to one label-less sample.
  if (body.data.resultType === 'scalar') {
    return { resultType: 'scalar', result: [{ metric: {}, value: body.data.result as unknown as [number, string] }] };
  }
  return body.data;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `expr` until it returns at least one sample and returns them. Invalid PromQL fails at once instead of
 * waiting for the timeout.
 */
export async function waitForSamples(
  url: string,
  expr: string,
  { timeoutMs = 20_000, intervalMs = 250 }: WaitOptions = {},
): Promise<PrometheusSample[]> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'empty result';
  for (;;) {
    try {
      const { result } = await queryPrometheus(url, expr);
      if (result.length > 0) return result;
      lastProblem = 'empty result';
    } catch (error) {
      if (error instanceof PrometheusQueryError && error.errorType === 'bad_data') throw error;
      lastProblem = String(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(`no samples after ${timeoutMs} ms (${lastProblem}) for: ${expr}`);
    }
    await sleep(intervalMs);
  }
}

export interface ScrapeTarget {
  labels: Record<string, string>;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

export async function getActiveTargets(url: string): Promise<ScrapeTarget[]> {
  const response = await fetch(`${url}/api/v1/targets?state=active`);
  const body = (await response.json()) as ApiResponse<{ activeTargets: ScrapeTarget[] }>;
  if (body.status !== 'success' || !body.data) throw new Error(`targets API failed: ${body.error ?? response.status}`);
  return body.data.activeTargets;
}

/** Waits until `count` active targets exist and all of them were scraped successfully. */
export async function waitForTargetsUp(
  url: string,
  count: number,
  { timeoutMs = 20_000, intervalMs = 250 }: WaitOptions = {},
): Promise<ScrapeTarget[]> {
  const deadline = Date.now() + timeoutMs;
  let targets: ScrapeTarget[] = [];
  while (Date.now() < deadline) {
    targets = await getActiveTargets(url);
    if (targets.length === count && targets.every((target) => target.health === 'up')) return targets;
    await sleep(intervalMs);
  }
  const states = targets.map((t) => `${t.scrapeUrl}: ${t.health} ${t.lastError}`).join('; ') || 'no targets';
  throw new Error(`targets not up after ${timeoutMs} ms: ${states}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface RuleGroupState {
  name: string;
  file: string;
  /** Wall-clock start of the group's last evaluation (RFC 3339); the zero time before the first one. */
  lastEvaluation: string;
}

/**
 * Waits until every loaded rule group has been evaluated at or after `time`, so recorded series and alert states
 * reflect the samples scraped before it. Throws when no rule group is loaded.
 */
export async function waitForRuleEvaluationsAfter(
  url: string,
  time: Date,
  { timeoutMs = 20_000, intervalMs = 200 }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = 'no response yet';
  for (;;) {
    const response = await fetch(`${url}/api/v1/rules`);
    const body = (await response.json()) as ApiResponse<{ groups: RuleGroupState[] }>;
    if (body.status !== 'success' || !body.data) throw new Error(`rules API failed: ${body.error ?? response.status}`);
    const { groups } = body.data;
    if (groups.length === 0) throw new Error('Prometheus has no rule groups loaded');
    const late = groups.filter((group) => Date.parse(group.lastEvaluation) < time.getTime());
    if (late.length === 0) return;
    pending = late.map((group) => `${group.name} (last ${group.lastEvaluation})`).join(', ');
    if (Date.now() >= deadline) {
      throw new Error(`rule groups not evaluated after ${time.toISOString()} within ${timeoutMs} ms: ${pending}`);
    }
    await sleep(intervalMs);
  }
}
