import { readFileSync } from 'node:fs';
import {
  extractDashboardQueries,
  extractRuleExpressions,
  extractVariableQueries,
  FIXTURE_FILTER_VALUES,
  type FixtureExporter,
  labelValuesToPromql,
  OPENAI_API_DASHBOARD_JSON,
  queryPrometheus,
  type RunningPrometheus,
  ruleFiles,
  startFixtureExporter,
  startPrometheus,
  substituteTemplateVariables,
  waitForSamples,
  waitForTargetsUp,
} from './support';

// Every PromQL expression of the dashboard and the rules, evaluated by a real Prometheus that scrapes a fixture
// exporter serving the metric contract. Proves the queries are valid and match the metric and label names.
jest.setTimeout(60_000);

const dashboard: unknown = JSON.parse(readFileSync(OPENAI_API_DASHBOARD_JSON, 'utf8'));
const rules = extractRuleExpressions(ruleFiles());
const ALL_VALUES = { environment: '.*', capability: '.*', operation: '.*', model: '.*' };

const panelQueries = extractDashboardQueries(dashboard).map((query) => [
  `panel ${query.panelId} "${query.panelTitle}" ${query.refId}`,
  query.expr,
]);
const variableQueries = extractVariableQueries(dashboard).map((variable) => [
  `variable ${variable.name}`,
  labelValuesToPromql(variable.query),
]);

describe('PromQL against a real Prometheus', () => {
  let exporter: FixtureExporter | undefined;
  let prometheus: RunningPrometheus | undefined;

  beforeAll(async () => {
    exporter = await startFixtureExporter();
    prometheus = await startPrometheus({
      scrapeTargets: [exporter.target],
      scrapeIntervalSeconds: 1,
      ruleFiles: ruleFiles(),
    });
    await waitForTargetsUp(prometheus.url, 1);
    // Rates need two scrapes; the rule-based queries need one evaluation after that.
    await waitForSamples(prometheus.url, 'capability_operation:openai_api_request_duration_ms:p50_5m', {
      timeoutMs: 30_000,
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  const url = () => prometheus?.url as string;

  it('scraped the fixture with the job and static labels of the committed config', async () => {
    const [sample] = await waitForSamples(url(), 'up');
    expect(sample.metric).toMatchObject({ job: 'ai', service: 'ai', environment: 'local' });
    expect(sample.value[1]).toBe('1');
    expect(exporter?.scrapes()).toBeGreaterThan(1);
  });

  it.each(panelQueries)('%s returns data with every variable on All', async (_name, expr) => {
    const samples = await waitForSamples(url(), substituteTemplateVariables(expr, ALL_VALUES), { timeoutMs: 15_000 });
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(panelQueries)('%s returns data for one concrete filter selection', async (_name, expr) => {
    const samples = await waitForSamples(url(), substituteTemplateVariables(expr, FIXTURE_FILTER_VALUES), {
      timeoutMs: 15_000,
    });
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(variableQueries)('%s lists label values', async (_name, expr) => {
    const samples = await waitForSamples(url(), substituteTemplateVariables(expr, ALL_VALUES), { timeoutMs: 15_000 });
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(rules.filter((rule) => rule.kind === 'record').map((rule) => [rule.name, rule.expr]))(
    'recording rule %s evaluates to data, and Prometheus records it with the environment label',
    async (name, expr) => {
      expect((await waitForSamples(url(), expr, { timeoutMs: 15_000 })).length).toBeGreaterThan(0);
      const recorded = await waitForSamples(url(), name, { timeoutMs: 15_000 });
      // The dashboard filters recorded series by environment too.
      expect(recorded.map((sample) => sample.metric['environment'])).toEqual(recorded.map(() => 'local'));
    },
  );

  // Healthy fixture data: the alert conditions are valid PromQL and stay silent.
  it.each(rules.filter((rule) => rule.kind === 'alert').map((rule) => [rule.name, rule.expr]))(
    'alert %s is valid PromQL and does not fire on healthy data',
    async (_name, expr) => {
      const { result } = await queryPrometheus(url(), expr);
      expect(result).toEqual([]);
    },
  );

  it('rejects invalid PromQL, so the checks above can fail', async () => {
    await expect(queryPrometheus(url(), 'sum by (capability (openai_api_requests_total)')).rejects.toThrow(/bad_data/);
    await expect(waitForSamples(url(), 'openai_api_no_such_metric_total', { timeoutMs: 500 })).rejects.toThrow(
      /no samples/,
    );
  });
});
