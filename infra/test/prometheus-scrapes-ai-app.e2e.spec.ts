import { readFileSync } from 'node:fs';
import { type AiAnswer, type AiAppProcess, postJson, startAppsWithSimulator, startAppWithSimulator } from '@openai-monitoring/ai-app-testing';
import type { OpenAiSimulator, SimulatedFault } from '@openai-monitoring/openai-simulator';
import {
  extractDashboardQueries,
  extractRuleExpressions,
  extractVariableQueries,
  labelValuesToPromql,
  OPENAI_API_DASHBOARD_JSON,
  queryPrometheus,
  type RunningPrometheus,
  ruleFiles,
  scrapeAiApp,
  startPrometheus,
  substituteTemplateVariables,
  sumBy,
  waitForFiniteSamples,
  waitForRuleEvaluationsAfter,
  waitForTargetsUp,
  waitUntilPrometheusMatchesApps,
} from './support';

// End to end: the OpenAI simulator, the built ai app (dist/apps/ai/main.js; the infra `test` target builds it first)
// and a real Prometheus, all on 127.0.0.1, scraping every second with the committed config's job and labels and the
// committed rule files. The counts Prometheus reports must equal the calls driven through the app, and every
// dashboard and rule expression must return data for the app's real series.
jest.setTimeout(120_000);

/** Scrape and rule evaluation interval of the test Prometheus. */
const SCRAPE_INTERVAL_MS = 1000;

type Route = 'summaries' | 'classifications' | 'chat';

const ROUTES: Record<Route, { path: string; capability: string; operation: string; body: unknown }> = {
  summaries: {
    path: '/v1/summaries',
    capability: 'summaries',
    operation: 'summarize',
    body: { text: 'Prometheus scrapes the ai service every second; Grafana reads the recorded series. '.repeat(3) },
  },
  classifications: {
    path: '/v1/classifications',
    capability: 'classification',
    operation: 'classify',
    body: { text: 'My invoice was charged twice this month, please refund one.', labels: ['billing', 'support'] },
  },
  chat: {
    path: '/v1/chat',
    capability: 'chat',
    operation: 'stream',
    // Long enough for the simulator's cachedInputRatio to report cached input tokens.
    body: { messages: [{ role: 'user', content: 'Explain in two sentences what a Prometheus recording rule is.' }] },
  },
};

interface PlannedCall {
  route: Route;
  /** Queued on the simulator right before the call: one per attempt. */
  faults: SimulatedFault[];
  outcome: 'success' | 'failure';
  retries: number;
}

const fault = (status: number): SimulatedFault =>
  status === 429 ? { kind: 'status', status, headers: { 'retry-after-ms': '1' } } : { kind: 'status', status };
const succeeds = (route: Route): PlannedCall => ({ route, faults: [], outcome: 'success', retries: 0 });
/** Transient upstream faults, then a success: one retry each. */
const succeedsAfter = (route: Route, ...statuses: number[]): PlannedCall => ({
  route,
  faults: statuses.map(fault),
  outcome: 'success',
  retries: statuses.length,
});
/** Fails every attempt: `statuses` has one entry per attempt (3 = OPENAI_MAX_ATTEMPTS for transient faults). */
const failsWith = (route: Route, ...statuses: number[]): PlannedCall => ({
  route,
  faults: statuses.map(fault),
  outcome: 'failure',
  retries: statuses.length - 1,
});
const times = (count: number, call: PlannedCall): PlannedCall[] => Array.from({ length: count }, () => call);

/**
 * One wave of traffic, sent twice with a scrape in between so every counter has at least two different samples
 * (rate() > 0, hence non-NaN ratios and quantiles). 20-25% of each operation fails, so OpenAiHighFailureRatio's
 * condition holds, and streamed chats feed the time-to-first-token histogram.
 */
const WAVE: PlannedCall[] = [
  ...times(3, succeeds('summaries')),
  ...times(2, succeeds('classifications')),
  ...times(2, succeeds('chat')),
  succeedsAfter('summaries', 500),
  succeedsAfter('classifications', 503),
  succeedsAfter('chat', 429),
  failsWith('summaries', 500, 500, 500),
  failsWith('classifications', 400), // not retryable
  failsWith('chat', 503, 503, 503),
];

const COUNTERS = [
  'openai_api_requests_total',
  'openai_api_retries_total',
  'openai_api_errors_total',
  'openai_api_tokens_total',
  'openai_api_token_details_total',
  'openai_api_cost_usd_total',
  'openai_api_request_duration_ms_count',
  'openai_api_time_to_first_token_ms_count',
];

interface DrivenCall {
  call: PlannedCall;
  answer: AiAnswer;
}

/** Sends the calls one after the other: queued simulator faults are FIFO, so they must not interleave. */
async function drive(simulator: OpenAiSimulator, app: AiAppProcess, calls: PlannedCall[]): Promise<DrivenCall[]> {
  const driven: DrivenCall[] = [];
  for (const call of calls) {
    simulator.enqueueFaults(...call.faults);
    const { path, body } = ROUTES[call.route];
    driven.push({ call, answer: await postJson(app.url, path, body) });
  }
  return driven;
}

/** Calls per `capability/operation/status`, the label set of openai_api_requests_total. */
/** Calls per operation and outcome; every decorated operation exports both outcomes from the start, at 0 until called. */
function tally(calls: PlannedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { capability, operation } of Object.values(ROUTES)) {
    for (const outcome of ['success', 'failure']) counts[`${capability}/${operation}/${outcome}`] = 0;
  }
  for (const call of calls) {
    const { capability, operation } = ROUTES[call.route];
    const key = `${capability}/${operation}/${call.outcome}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

async function scalar(url: string, expr: string): Promise<number | undefined> {
  const { result } = await queryPrometheus(url, expr);
  return result.length === 1 ? Number(result[0].value[1]) : undefined;
}

/** Stops everything that was started, even when a start failed half-way. */
async function stopAll(...running: ({ stop(): Promise<unknown> } | undefined)[]): Promise<void> {
  const results = await Promise.allSettled(running.map((process) => process?.stop()));
  const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed.length > 0) throw new Error(`cleanup failed: ${failed.map((result) => String(result.reason)).join('; ')}`);
}

const dashboard: unknown = JSON.parse(readFileSync(OPENAI_API_DASHBOARD_JSON, 'utf8'));
const rules = extractRuleExpressions(ruleFiles());
// The reference app has no image, audio or speech route: the panels of those counters get their data from the fixture
// exporter in promql-against-prometheus.spec.ts, and a test below checks that the app indeed exports none of them.
const NOT_FROM_THE_AI_APP = ['openai_api_images_total', 'openai_api_audio_seconds_total', 'openai_api_speech_characters_total'];
const panelQueries = extractDashboardQueries(dashboard)
  .filter((query) => !NOT_FROM_THE_AI_APP.some((metric) => query.expr.includes(metric)))
  .map((query) => [`panel ${query.panelId} "${query.panelTitle}" ${query.refId}`, query.expr]);

// Grafana's $__rate_interval is max(4 × scrape interval, $__interval + scrape interval) with the datasource's
// default 15 s scrape interval, i.e. 1m; the whole test fits in that window, so every counter sample counts.
const RANGE_VARIABLES = { __rate_interval: '1m', __range: '5m' };
const ALL = { ...RANGE_VARIABLES, environment: '.*', capability: '.*', operation: '.*', model: '.*' };
const MODEL = 'o4-mini'; // a reasoning model of the default price table: reasoning tokens and a cost
// The streamed operation has data in every panel, the time-to-first-token one included.
const CHAT_ONLY = { ...RANGE_VARIABLES, environment: 'local', capability: 'chat', operation: 'stream', model: MODEL };

describe('Prometheus scraping the real ai app', () => {
  let simulator: OpenAiSimulator | undefined;
  let app: AiAppProcess | undefined;
  let prometheus: RunningPrometheus | undefined;
  const driven: DrivenCall[] = [];
  const url = () => prometheus?.url as string;
  const calls = () => driven.map(({ call }) => call);

  beforeAll(async () => {
    // Budgets far above what the test spends: the budget panels and rules get data, the budget alerts stay silent.
    const budgets = 'all-daily:100:24h,default-hourly:10:1h:default';
    ({ simulator, app } = await startAppWithSimulator({ cachedInputRatio: 0.5 }, { OPENAI_MODEL: MODEL, OPENAI_BUDGETS: budgets }));
    prometheus = await startPrometheus({
      scrapeTargets: [app.target],
      scrapeIntervalSeconds: SCRAPE_INTERVAL_MS / 1000,
      ruleFiles: ruleFiles(),
    });
    await waitForTargetsUp(prometheus.url, 1);
    for (let wave = 0; wave < 2; wave++) {
      driven.push(...(await drive(simulator, app, WAVE)));
      await waitUntilPrometheusMatchesApps(prometheus.url, [app], COUNTERS);
    }
    // The recorded series and alert conditions read below must include the last wave: wait for a rule evaluation
    // whose timestamp (up to one interval before its start) is after the scrape that brought the last wave in.
    await waitForRuleEvaluationsAfter(prometheus.url, new Date(Date.now() + SCRAPE_INTERVAL_MS));
  });

  afterAll(() => stopAll(prometheus, app, simulator));

  it('the app answered as planned and the simulator saw every attempt', () => {
    const unexpected = driven.filter(({ call, answer }) =>
      call.outcome === 'success' ? answer.status !== 200 : ![502, 503, 504].includes(answer.status),
    );
    expect(unexpected.map(({ call, answer }) => `${call.route} ${call.outcome}: ${answer.status} ${answer.text}`)).toEqual(
      [],
    );
    expect(driven.filter(({ call }) => call.route === 'chat' && call.outcome === 'success')).not.toHaveLength(0);
    expect(
      driven.every(({ call, answer }) => call.route !== 'chat' || call.outcome !== 'success' || /\[DONE\]/.test(answer.text)),
    ).toBe(true);
    expect(simulator?.requestCount).toBe(sum(calls().map((call) => call.retries + 1)));
  });

  it('scraped the app with the job and static labels of the committed config', async () => {
    const { result } = await queryPrometheus(url(), 'up');
    expect(result.map((sample) => [sample.metric, sample.value[1]])).toEqual([
      [{ __name__: 'up', job: 'ai', service: 'ai', environment: 'local', instance: app?.target }, '1'],
    ]);
  });

  it('openai_api_requests_total per status equals exactly the calls driven', async () => {
    const successes = calls().filter((call) => call.outcome === 'success').length;
    const failures = calls().filter((call) => call.outcome === 'failure').length;
    expect(successes).toBe(20);
    expect(failures).toBe(6);
    expect(await sumBy(url(), ['status'], 'openai_api_requests_total')).toEqual({
      success: successes,
      failure: failures,
    });
    expect(await sumBy(url(), ['capability', 'operation', 'status'], 'openai_api_requests_total')).toEqual(
      tally(calls()),
    );
  });

  it('retries and errors equal the retries and failures caused', async () => {
    const retries = sum(calls().map((call) => call.retries));
    expect(retries).toBe(14);
    expect(await scalar(url(), 'sum(openai_api_retries_total)')).toBe(retries);
    expect(await scalar(url(), 'sum(openai_api_errors_total)')).toBe(
      calls().filter((call) => call.outcome === 'failure').length,
    );
    const retriesByOperation: Record<string, number> = {};
    for (const call of calls().filter((planned) => planned.retries > 0)) {
      const key = `${ROUTES[call.route].capability}/${ROUTES[call.route].operation}`;
      retriesByOperation[key] = (retriesByOperation[key] ?? 0) + call.retries;
    }
    expect(await sumBy(url(), ['capability', 'operation'], 'openai_api_retries_total')).toEqual(retriesByOperation);
  });

  it('latency histograms count successful calls, time to first token the streamed ones only', async () => {
    const successes = calls().filter((call) => call.outcome === 'success');
    expect(await scalar(url(), 'sum(openai_api_request_duration_ms_count)')).toBe(successes.length);
    expect(await sumBy(url(), ['capability', 'model'], 'openai_api_time_to_first_token_ms_count')).toEqual({
      [`chat/${MODEL}`]: successes.filter((call) => call.route === 'chat').length,
    });
  });

  it('tokens, cached and reasoning tokens and cost are recorded for the configured model', async () => {
    const tokens = await sumBy(url(), ['model', 'type'], 'openai_api_tokens_total');
    const details = await sumBy(url(), ['model', 'type'], 'openai_api_token_details_total');
    expect(Object.keys(tokens).sort()).toEqual([`${MODEL}/input`, `${MODEL}/output`]);
    expect(Object.keys(details).sort()).toEqual([`${MODEL}/cached_input`, `${MODEL}/reasoning`]);
    expect(details[`${MODEL}/cached_input`]).toBeGreaterThan(0);
    expect(details[`${MODEL}/cached_input`]).toBeLessThan(tokens[`${MODEL}/input`]);
    expect(details[`${MODEL}/reasoning`]).toBeLessThan(tokens[`${MODEL}/output`]);
    expect(await scalar(url(), `sum(openai_api_cost_usd_total{model="${MODEL}"})`)).toBeGreaterThan(0);
  });

  it.each(panelQueries)('%s returns data with every variable on All', async (_name, expr) => {
    expect((await waitForFiniteSamples(url(), substituteTemplateVariables(expr, ALL))).length).toBeGreaterThan(0);
  });

  it.each(panelQueries)('%s returns data for the chat/stream operation only', async (_name, expr) => {
    expect((await waitForFiniteSamples(url(), substituteTemplateVariables(expr, CHAT_ONLY))).length).toBeGreaterThan(0);
  });

  it('the variable queries list the values the app exports', async () => {
    const listed: Record<string, string[]> = {};
    for (const variable of extractVariableQueries(dashboard)) {
      const expr = substituteTemplateVariables(labelValuesToPromql(variable.query), ALL);
      const { result } = await queryPrometheus(url(), expr);
      listed[variable.name] = result.map((sample) => sample.metric[variable.name]).sort();
    }
    expect(listed).toEqual({
      environment: ['local'],
      capability: ['chat', 'classification', 'summaries'],
      operation: ['classify', 'stream', 'summarize'],
      model: [MODEL],
    });
  });

  it.each(rules.filter((rule) => rule.kind === 'record').map((rule) => [rule.name, rule.expr]))(
    'recording rule %s evaluates to data, and Prometheus records it',
    async (name, expr) => {
      expect((await waitForFiniteSamples(url(), expr)).length).toBeGreaterThan(0);
      const recorded = await waitForFiniteSamples(url(), name);
      expect(recorded.every((sample) => sample.metric['environment'] === 'local')).toBe(true);
      expect(recorded.some((sample) => 'instance' in sample.metric)).toBe(false);
    },
  );

  it('exports none of the counters whose panels are checked against the fixture only', async () => {
    const exported = new Set((await scrapeAiApp(app as AiAppProcess)).map((sample) => sample.name));
    expect(NOT_FROM_THE_AI_APP.filter((metric) => exported.has(metric))).toEqual([]);
  });

  // 20-25% failures is also 20-25 times the 1% availability error budget: both burn-rate alerts hold.
  it('with 20-25% failed calls only OpenAiHighFailureRatio and the availability burn-rate alerts hold', async () => {
    const holding: Record<string, string[]> = {};
    for (const rule of rules.filter((candidate) => candidate.kind === 'alert')) {
      const { result } = await queryPrometheus(url(), rule.expr);
      holding[rule.name] = result.map((sample) => `${sample.metric['capability']}/${sample.metric['operation']}`).sort();
    }
    expect(holding).toEqual({
      OpenAiHighFailureRatio: ['chat/stream', 'classification/classify', 'summaries/summarize'],
      OpenAiSlowRequests: [],
      OpenAiTargetDown: [],
      OpenAiNoSuccessfulCalls: [],
      OpenAiAvailabilityBurnRatePage: ['chat/stream', 'classification/classify', 'summaries/summarize'],
      OpenAiAvailabilityBurnRateTicket: ['chat/stream', 'classification/classify', 'summaries/summarize'],
      OpenAiLatencyBurnRatePage: [],
      OpenAiLatencyBurnRateTicket: [],
      OpenAiBudgetNearlySpent: [],
      OpenAiBudgetExceeded: [],
      OpenAiUnpricedCalls: [],
      OpenAiPriceDataStale: [],
    });
  });
});

describe('Prometheus scraping three ai app replicas', () => {
  const REPLICAS = 3;
  /** Uneven on purpose, so a double-counted or missing target changes the total. */
  const CALLS_PER_REPLICA: PlannedCall[][] = [
    [...times(4, succeeds('summaries')), succeeds('chat'), succeedsAfter('classifications', 500)],
    [succeeds('classifications'), failsWith('summaries', 400)],
    [succeeds('chat')],
  ];
  let simulator: OpenAiSimulator | undefined;
  const apps: AiAppProcess[] = [];
  let prometheus: RunningPrometheus | undefined;
  const url = () => prometheus?.url as string;
  const total = sum(CALLS_PER_REPLICA.map((calls) => calls.length));

  beforeAll(async () => {
    let started: AiAppProcess[];
    ({ simulator, apps: started } = await startAppsWithSimulator(REPLICAS));
    apps.push(...started);
    prometheus = await startPrometheus({
      scrapeTargets: apps.map((app) => app.target),
      scrapeIntervalSeconds: SCRAPE_INTERVAL_MS / 1000,
      ruleFiles: ruleFiles(),
    });
    await waitForTargetsUp(prometheus.url, REPLICAS);
    for (const [i, app] of apps.entries()) {
      const answers = await drive(simulator, app, CALLS_PER_REPLICA[i]);
      const expected = answers.map(({ call }) => (call.outcome === 'success' ? 200 : 502));
      expect(answers.map(({ answer }) => answer.status)).toEqual(expected);
    }
    await waitUntilPrometheusMatchesApps(prometheus.url, apps, COUNTERS);
    // rate() in the rules needs a second sample of every series: one more scrape of each target, then an evaluation.
    await waitForRuleEvaluationsAfter(prometheus.url, new Date(Date.now() + 2 * SCRAPE_INTERVAL_MS));
  });

  afterAll(() => stopAll(prometheus, ...apps, simulator));

  it('scrapes the three instances as three healthy targets of job "ai"', async () => {
    expect(total).toBe(9);
    expect(await scalar(url(), 'count(up{job="ai"} == 1)')).toBe(REPLICAS);
    expect(await sumBy(url(), ['instance'], 'up{job="ai"}')).toEqual(
      Object.fromEntries(apps.map((app) => [app.target, 1])),
    );
  });

  it('sum(openai_api_requests_total) equals the calls made across all replicas', async () => {
    expect(await scalar(url(), 'sum(openai_api_requests_total)')).toBe(total);
    expect(await sumBy(url(), ['instance'], 'openai_api_requests_total')).toEqual(
      Object.fromEntries(apps.map((app, i) => [app.target, CALLS_PER_REPLICA[i].length])),
    );
    expect(await sumBy(url(), ['capability', 'operation', 'status'], 'openai_api_requests_total')).toEqual(
      tally(CALLS_PER_REPLICA.flat()),
    );
  });

  it('the recording rules aggregate the replicas away: one series per operation', async () => {
    const recorded = await waitForFiniteSamples(url(), 'capability_operation:openai_api_requests:rate5m');
    expect(recorded.map((sample) => sample.metric['instance'])).toEqual(recorded.map(() => undefined));
    expect(recorded.map((sample) => `${sample.metric['capability']}/${sample.metric['operation']}`).sort()).toEqual([
      'chat/stream',
      'classification/classify',
      'summaries/summarize',
    ]);
  });
});
