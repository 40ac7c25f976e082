import { networkInterfaces } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  absentMetrics,
  assertNetnsAvailable,
  type ComposeStack,
  expectedRequests,
  extractDashboardQueries,
  extractRuleExpressions,
  extractVariableQueries,
  fetchFromNamespace,
  getActiveTargets,
  labelValuesToPromql,
  listeningSockets,
  OPENAI_API_DASHBOARD_JSON,
  type PrometheusConfig,
  queryFromNamespace,
  queryPrometheus,
  readTrafficTally,
  resolveComposeServices,
  ruleFiles,
  seriesBudget,
  type ServicePlan,
  startComposeStack,
  substituteTemplateVariables,
  sumBy,
  tallyTotal,
  type TrafficTally,
  unrecordedAnswers,
  victoriaMetricsTestArgs,
  waitForFiniteSamples,
  waitForRuleEvaluationsAfter,
  waitForSum,
  waitForTargetsUp,
  withTestIntervals,
} from './support';

// infra/docker-compose.yml run the way compose runs it, without Docker: every service of the demo and scale profiles
// in its own network namespace on one bridge, found by its service name, with the environment docker-compose
// resolves, its mounts at the container paths, the Dockerfile's command (or Debian's server for an image) and its
// `ports` published on 127.0.0.1. Grafana cannot run here: its namespace runs the queries its datasources would.
// The only rewrites: scrape/evaluation intervals 15s → 1s in the mounted Prometheus configs, and VictoriaMetrics'
// deduplication interval to match plus a 1 s query latency offset (the default 30 s hides the newest samples).
jest.setTimeout(300_000);

const PROFILES = ['demo', 'scale'];
/** What a user would export before `docker compose up`; everything else keeps the compose defaults. */
const VARIABLES = {
  // A reasoning model of the price table: every token and cost panel has data.
  OPENAI_MODEL: 'o4-mini',
  // A few failed operations in a short run (2 % by default), while most streamed chats still succeed.
  SIM_PERMANENT_FAULT_RATE: '0.1',
  TRAFFIC_INTERVAL_MS: '20',
};
/**
 * `docker compose run -e TRAFFIC_BASE_URL=… -e TRAFFIC_COUNT=… traffic`, one after the other, each awaited in
 * Prometheus and VictoriaMetrics. Uneven on purpose; ai twice, so its series increase between two scrapes
 * (rate() > 0 in the default Prometheus, which scrapes ai only).
 */
const TRAFFIC_RUNS = [
  { replica: 'ai', count: 12 },
  { replica: 'ai-2', count: 9 },
  { replica: 'ai-3', count: 5 },
  { replica: 'ai', count: 15 },
];
const REPLICAS = ['ai', 'ai-2', 'ai-3'];
const PROMETHEUS_SERVICES = ['prometheus', 'prometheus-scale'];
/**
 * Metrics of features the compose stack does not exercise: the ai app has no image, audio or speech route, and compose
 * configures no budget. A query may return no data only when it reads one of these and it is absent.
 */
const NOT_EXERCISED = [
  'openai_api_images_total',
  'openai_api_audio_seconds_total',
  'openai_api_speech_characters_total',
  'openai_api_budget_usd',
  'budget_tenant_window:openai_api_budget_spent:ratio',
];
/** Passes when an absent metric of NOT_EXERCISED explains why `expr` has no data at `url`. */
async function expectOnlyUnexercisedAbsent(url: string, expr: string, why: string): Promise<void> {
  const absent = await absentMetrics(url, expr);
  const explained = absent.some((name) => NOT_EXERCISED.includes(name));
  expect({ expr, why, absent, explained }).toMatchObject({ explained: true });
}
/** The ai app: summaries/summarize, classification/classify and the streamed chat/stream. */
const AI_OPERATIONS = { operations: 3, streamed: 1 };

const dashboard: unknown = JSON.parse(readFileSync(OPENAI_API_DASHBOARD_JSON, 'utf8'));
// Windows wider than the whole suite (Grafana's would be 1m at a 15 s scrape interval), so the first traffic still
// counts when the last check runs.
const ALL = { __rate_interval: '5m', __range: '10m', environment: '.*', capability: '.*', operation: '.*', model: '.*' };
const dashboardExprs = [
  ...extractDashboardQueries(dashboard).map((query) => [
    `panel ${query.panelId} "${query.panelTitle}" ${query.refId}`,
    substituteTemplateVariables(query.expr, ALL),
  ]),
  ...extractVariableQueries(dashboard).map((variable) => [
    `variable ${variable.name}`,
    substituteTemplateVariables(labelValuesToPromql(variable.query), ALL),
  ]),
];
const recordingRules = extractRuleExpressions(ruleFiles())
  .filter((rule) => rule.kind === 'record')
  .map((rule) => [rule.name, rule.expr]);

const scrapeTargets = (config: PrometheusConfig): string[] =>
  config.scrape_configs.flatMap((job) => job.static_configs.flatMap((group) => group.targets)).sort();
const alertmanagerTargets = (config: PrometheusConfig): string[] =>
  ((config['alerting'] as { alertmanagers?: { static_configs: { targets: string[] }[] }[] } | undefined)?.alertmanagers ?? [])
    .flatMap((alertmanager) => alertmanager.static_configs.flatMap((group) => group.targets))
    .sort();

describe('infra/docker-compose.yml in network namespaces (profiles demo and scale)', () => {
  let stack: ComposeStack | undefined;
  const tallies: TrafficTally[] = [];
  const talliesOf = (replica: string) => tallies.filter((_tally, i) => TRAFFIC_RUNS[i].replica === replica);
  const plan = (name: string): ServicePlan => {
    const found = stack?.plans.find((candidate) => candidate.service.name === name);
    if (!found) throw new Error(`no compose service "${name}"`);
    return found;
  };
  const hostPath = (service: string, target: string): string => {
    const mount = plan(service).service.volumes.find((volume) => volume.target === target);
    if (!mount) throw new Error(`${service} mounts nothing at ${target}`);
    return mount.source;
  };
  const prometheus = () => stack!.publishedUrl('prometheus', 9090);
  const prometheusScale = () => stack!.publishedUrl('prometheus-scale', 9090);
  const victoriaMetrics = () => stack!.publishedUrl('victoria-metrics', 8428);
  /** The committed config a Prometheus service mounts. */
  const mountedConfig = (name: string): PrometheusConfig =>
    parse(readFileSync(hostPath(name, '/etc/prometheus/prometheus.yml'), 'utf8')) as PrometheusConfig;

  beforeAll(async () => {
    assertNetnsAvailable();
    const services = resolveComposeServices(VARIABLES, PROFILES);
    const prometheusServices = services.filter((service) => service.image?.startsWith('prom/prometheus:'));
    stack = await startComposeStack(services, {
      oneOff: ['traffic'],
      rewriteFiles: Object.fromEntries(
        prometheusServices.map((service) => [service.name, { '/etc/prometheus/prometheus.yml': withTestIntervals }]),
      ),
      rewriteArgs: { 'victoria-metrics': victoriaMetricsTestArgs },
    });
    // A target that stays down (e.g. an app listening on its container's 127.0.0.1 only) fails here, naming the cause.
    for (const name of PROMETHEUS_SERVICES) {
      const targets = scrapeTargets(mountedConfig(name)).length;
      await waitForTargetsUp(stack.publishedUrl(name, 9090), targets, { timeoutMs: 60_000 });
    }
    for (const { replica, count } of TRAFFIC_RUNS) {
      const env = { TRAFFIC_BASE_URL: `http://${replica}:3002`, TRAFFIC_COUNT: String(count) };
      const run = await stack.run('traffic', env);
      if (run.code !== 0) throw new Error(`the traffic run against ${replica} exited ${run.code}:\n${run.output}`);
      tallies.push(readTrafficTally(run.output));
      await waitForSum(prometheus(), 'openai_api_requests_total', tallyTotal(...talliesOf('ai')));
      await waitForSum(victoriaMetrics(), 'openai_api_requests_total', tallyTotal(...tallies));
    }
    // The recorded series must include the last requests: a rule evaluation after the scrape that brought them in.
    await waitForRuleEvaluationsAfter(prometheusScale(), new Date(Date.now() + 1000));
  });

  afterAll(() => stack?.stop());

  it('runs every service of both profiles from its Dockerfile command or Debian server; Grafana as a namespace', () => {
    expect(stack!.plans.map((p) => p.service.name)).toEqual(
      expect.arrayContaining([...REPLICAS, 'openai-simulator', 'traffic', ...PROMETHEUS_SERVICES, 'victoria-metrics']),
    );
    expect(stack!.plans.filter((p) => !p.argv).map((p) => p.service.name)).toEqual(['grafana']);
    expect(plan('ai').argv?.slice(1)).toEqual(['dist/apps/ai/main.js']);
    expect(plan('openai-simulator').argv?.slice(1)).toEqual(['dist/apps/openai-simulator/main.js']);
    expect(plan('traffic').argv?.slice(1)).toEqual(['tools/demo/traffic.mjs']);
    expect(plan('ai').env).toMatchObject({
      HOST: '0.0.0.0',
      OPENAI_BASE_URL: 'http://openai-simulator:4010/v1',
      OPENAI_MODEL: 'o4-mini',
      OPENAI_PRICE_PROVIDER: 'openai',
      NODE_ENV: 'production',
    });
    expect(plan('prometheus').argv?.[0]).toBe('prometheus');
    expect(plan('prometheus').argv).toContain(`--config.file=${plan('prometheus').root}/etc/prometheus/prometheus.yml`);
  });

  it.each(PROMETHEUS_SERVICES)('every scrape target of the config %s mounts is up, its Alertmanagers found', async (name) => {
    const url = stack!.publishedUrl(name, 9090);
    const targets = await getActiveTargets(url);
    const config = mountedConfig(name);
    expect(scrapeTargets(config).length).toBeGreaterThan(0);
    expect(targets.map((target) => new URL(target.scrapeUrl).host).sort()).toEqual(scrapeTargets(config));
    expect(targets.filter((target) => target.health !== 'up').map((t) => `${t.scrapeUrl}: ${t.lastError}`)).toEqual([]);
    const response = await fetch(`${url}/api/v1/alertmanagers`);
    const { data } = (await response.json()) as { data: { activeAlertmanagers: { url: string }[] } };
    expect(data.activeAlertmanagers.map((am) => new URL(am.url).host).sort()).toEqual(alertmanagerTargets(config));
  });

  it('the traffic generator reached every replica and each answer is an outcome the app records', () => {
    expect(tallies.map((tally) => tallyTotal(tally))).toEqual(TRAFFIC_RUNS.map((run) => run.count));
    for (const tally of tallies) {
      expect(unrecordedAnswers(tally)).toEqual([]);
      expect(Object.keys(tally).some((answer) => answer.endsWith(' 200'))).toBe(true);
    }
  });

  it('Prometheus counts exactly the traffic sent to ai, per operation and status', async () => {
    expect(await sumBy(prometheus(), ['capability', 'operation', 'status'], 'openai_api_requests_total')).toEqual(
      expectedRequests(talliesOf('ai')),
    );
  });

  it('VictoriaMetrics counts exactly the traffic of the three replicas, per replica and per operation and status', async () => {
    expect(await sumBy(victoriaMetrics(), ['instance'], 'openai_api_requests_total')).toEqual(
      Object.fromEntries(REPLICAS.map((replica) => [`${replica}:3002`, tallyTotal(...talliesOf(replica))])),
    );
    expect(await sumBy(victoriaMetrics(), ['capability', 'operation', 'status'], 'openai_api_requests_total')).toEqual(
      expectedRequests(tallies),
    );
    expect(await sumBy(victoriaMetrics(), ['cluster', 'replica'], 'up{job="ai"} == 1')).toEqual({
      'local/prometheus-scale': REPLICAS.length,
    });
  });

  it('each replica exports no more openai_api_* series than the cardinality budget of infra/README.md', async () => {
    const vm = victoriaMetrics();
    const perInstance = (expr: string) => sumBy(vm, ['instance'], `count by (instance) (${expr})`);
    const distinct = (label: string) => perInstance(`group by (instance, ${label}) ({__name__=~"openai_api_.+", ${label}!=""})`);
    const [series, models, tenants, budgets] = await Promise.all([
      perInstance('{__name__=~"openai_api_.+"}'),
      distinct('model'),
      distinct('tenant'),
      perInstance('openai_api_budget_usd'),
    ]);
    expect(Object.keys(series).sort()).toEqual(REPLICAS.map((replica) => `${replica}:3002`).sort());
    for (const [instance, count] of Object.entries(series)) {
      const input = { ...AI_OPERATIONS, models: models[instance] ?? 0, tenants: tenants[instance] ?? 0, budgets: budgets[instance] ?? 0 };
      expect({ instance, input, count, withinBudget: count <= seriesBudget(input) }).toMatchObject({ withinBudget: true });
    }
  });

  /**
   * Where prometheus-scale (whose samples VictoriaMetrics receives) has data for `expr`, VictoriaMetrics must too.
   * Where it has none, the expression must read an absent metric of a feature compose does not exercise (NOT_EXERCISED).
   */
  async function expectDataInVictoriaMetricsAsInPrometheus(expr: string): Promise<void> {
    const fromPrometheus = (await queryPrometheus(prometheusScale(), expr)).result;
    if (!fromPrometheus.some((sample) => Number.isFinite(Number(sample.value[1])))) {
      await expectOnlyUnexercisedAbsent(prometheusScale(), expr, 'no data in prometheus-scale');
      return;
    }
    expect((await waitForFiniteSamples(victoriaMetrics(), expr)).length).toBeGreaterThan(0);
  }

  it.each(dashboardExprs)('%s returns data from VictoriaMetrics as it does from Prometheus', async (_name, expr) => {
    await expectDataInVictoriaMetricsAsInPrometheus(expr);
  });

  it.each(recordingRules)('recording rule %s evaluates in VictoriaMetrics, which also holds its series', async (name, expr) => {
    await expectDataInVictoriaMetricsAsInPrometheus(expr);
    await expectDataInVictoriaMetricsAsInPrometheus(name);
    const recorded = (await queryPrometheus(victoriaMetrics(), name)).result;
    expect(recorded.some((sample) => 'instance' in sample.metric)).toBe(false);
  });

  it('from the grafana namespace, every provisioned datasource answers and has data for every dashboard query', async () => {
    const dir = join(hostPath('grafana', '/etc/grafana/provisioning'), 'datasources');
    const datasources = readdirSync(dir).flatMap(
      (file) => (parse(readFileSync(join(dir, file), 'utf8')) as { datasources: { name: string; url: string }[] }).datasources,
    );
    /** Where the test itself reaches each datasource's server, to tell a broken query from an unexported metric. */
    const published: Record<string, string> = {
      'http://prometheus:9090': prometheus(),
      'http://victoria-metrics:8428': victoriaMetrics(),
    };
    expect(datasources.map((datasource) => datasource.url).sort()).toEqual(Object.keys(published).sort());
    for (const datasource of datasources) {
      const [health, ...answers] = queryFromNamespace(stack!.network, 'grafana', datasource.url, [
        '1+1',
        ...dashboardExprs.map(([, expr]) => expr),
      ]);
      expect({ datasource: datasource.name, health }).toMatchObject({ health: { hasData: true } });
      for (const [i, answer] of answers.entries()) {
        if (!answer.hasData) {
          const why = `${datasource.name}, ${dashboardExprs[i][0]}: ${answer.detail}`;
          await expectOnlyUnexercisedAbsent(published[datasource.url], answer.expr, why);
        }
      }
    }
  });

  it('in each namespace the service listens only on its container ports, on the compose network', () => {
    for (const { service, ports } of stack!.plans) {
      const sockets = listeningSockets(stack!.network.namespaceOf(service.name));
      const unexpected = sockets.filter((s) => !ports.includes(s.port) || /^127\.|^\[::1\]$/.test(s.address));
      expect({ service: service.name, unexpected }).toEqual({ service: service.name, unexpected: [] });
      // Grafana's namespace runs nothing, and the one-off traffic runs are over.
      const listens = stack!.processes.has(service.name);
      expect({ service: service.name, listens: sockets.length > 0 }).toEqual({ service: service.name, listens });
    }
  });

  it('on the host only the published ports listen, on 127.0.0.1; unpublished services are not reachable', async () => {
    const ours = new Set([...stack!.processes.values(), ...stack!.relays].map((child) => child.child.pid));
    const hostSockets = listeningSockets().filter((socket) => socket.pids.some((pid) => ours.has(pid)));
    const published = stack!.plans
      .filter((p) => p.argv)
      .flatMap((p) => p.service.ports.map((port) => ({ service: p.service.name, port })));
    expect(published.map(({ service, port }) => `${service}:${port.containerPort}`)).toEqual(
      expect.arrayContaining(['ai:3002', 'prometheus:9090', 'prometheus-scale:9090', 'victoria-metrics:8428']),
    );
    expect(published.filter(({ port }) => port.hostIp !== '127.0.0.1')).toEqual([]);
    expect(hostSockets.map((socket) => `${socket.address}:${socket.port}`).sort()).toEqual(
      published.map(({ service, port }) => new URL(stack!.publishedUrl(service, port.containerPort)).host).sort(),
    );
    expect((await fetch(`${stack!.publishedUrl('ai', 3002)}/health`)).status).toBe(200);
    // The root namespace has no address on the compose network: it reaches a service only through a relay…
    const subnet = stack!.network.addresses['openai-simulator'].replace(/\.\d+$/, '.');
    const hostAddresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
    expect(hostAddresses.filter((address) => address.address.startsWith(subnet))).toEqual([]);
    // …while from inside the network the unpublished simulator answers by its service name.
    const [answer] = fetchFromNamespace(stack!.network, 'ai', [{ url: 'http://openai-simulator:4010/health' }]);
    expect(answer).toMatchObject({ status: 200 });
  });
});
