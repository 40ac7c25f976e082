import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { extractRuleExpressions, ruleFiles, ruleTestFiles, RUNBOOK, runTool } from './support';

interface RuleTestFile {
  rule_files: string[];
  tests: {
    name: string;
    alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[];
    promql_expr_test?: { expr: string; exp_samples?: unknown[] }[];
  }[];
}

const testFiles = ruleTestFiles();
const parsedTests = testFiles.map((path) => ({ path, content: parse(readFileSync(path, 'utf8')) as RuleTestFile }));
const rules = extractRuleExpressions(ruleFiles());

describe('Prometheus rule files', () => {
  it('exist', () => {
    expect(ruleFiles().length).toBeGreaterThanOrEqual(2);
    expect(testFiles.length).toBeGreaterThanOrEqual(2);
  });

  it.each(ruleFiles())('promtool check rules %s', (path) => {
    const result = runTool('promtool', ['check', 'rules', path]);
    expect(result.report).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  // The SLO files evaluate days of samples: a few seconds each, more on a busy machine.
  it.each(testFiles)('promtool test rules %s', (path) => {
    const result = runTool('promtool', ['test', 'rules', path], { timeoutMs: 120_000 });
    expect(result.report).toContain('SUCCESS');
    expect(result.status).toBe(0);
  }, 130_000);

  it.each(ruleFiles())('%s is loaded by at least one test file', (ruleFile) => {
    const testedFiles = parsedTests.flatMap(({ path, content }) =>
      content.rule_files.map((file) => resolve(dirname(path), file)),
    );
    expect(testedFiles).toContain(ruleFile);
  });

  const alerts = rules.filter((rule) => rule.kind === 'alert');
  const alertTests = parsedTests.flatMap(({ content }) => content.tests.flatMap((test) => test.alert_rule_test ?? []));

  it.each(alerts.map((alert) => alert.name))('alert %s is tested both firing and not firing', (alertname) => {
    const cases = alertTests.filter((test) => test.alertname === alertname);
    expect(cases.some((test) => (test.exp_alerts ?? []).length > 0)).toBe(true);
    expect(cases.some((test) => (test.exp_alerts ?? []).length === 0)).toBe(true);
  });

  const exprTests = parsedTests.flatMap(({ content }) => content.tests.flatMap((test) => test.promql_expr_test ?? []));

  it.each(rules.filter((rule) => rule.kind === 'record').map((rule) => rule.name))(
    'recording rule %s has an expected value in a promql_expr_test',
    (record) => {
      const cases = exprTests.filter((test) => test.expr.includes(record) && (test.exp_samples ?? []).length > 0);
      expect(cases.length).toBeGreaterThan(0);
    },
  );

  it('recording rules are named level:metric:operations', () => {
    for (const rule of rules.filter((r) => r.kind === 'record')) {
      expect(rule.name).toMatch(/^[a-z_]+:openai_api_[a-z0-9_]+:[a-z0-9_]+$/);
    }
  });

  it('every alert has a severity, summary, description and a runbook section that exists', () => {
    const runbookAnchors = readFileSync(RUNBOOK, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('## '))
      .map((line) => line.slice(3).trim().toLowerCase().replace(/\s+/g, '-'));
    const raw = ruleFiles().flatMap(
      (path) =>
        (parse(readFileSync(path, 'utf8')) as { groups: { rules: Record<string, unknown>[] }[] }).groups.flatMap(
          (group) => group.rules,
        ) as { alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[],
    );
    const alertRules = raw.filter((rule) => rule.alert);
    expect(alertRules.map((rule) => rule.alert).sort()).toEqual(
      [
        'OpenAiHighFailureRatio',
        'OpenAiNoSuccessfulCalls',
        'OpenAiSlowRequests',
        'OpenAiTargetDown',
        'OpenAiAvailabilityBurnRatePage',
        'OpenAiAvailabilityBurnRateTicket',
        'OpenAiLatencyBurnRatePage',
        'OpenAiLatencyBurnRateTicket',
        'OpenAiBudgetNearlySpent',
        'OpenAiBudgetExceeded',
        'OpenAiUnpricedCalls',
        'OpenAiPriceDataStale',
      ].sort(),
    );
    for (const rule of alertRules) {
      // page/ticket: the SLO burn-rate alerts; Alertmanager routes each severity (infra/alertmanager/alertmanager.yml).
      expect(['warning', 'critical', 'page', 'ticket']).toContain(rule.labels?.['severity']);
      expect(rule.annotations?.['summary']).toBeTruthy();
      expect(rule.annotations?.['description']).toBeTruthy();
      const [file, anchor] = (rule.annotations?.['runbook_url'] ?? '').split('#');
      expect(file).toBe('infra/RUNBOOK.md');
      expect(runbookAnchors).toContain(anchor);
    }
  });

  it('each SLO target is one recording-rule constant that every burn-rate alert divides by', () => {
    const targets = rules.filter((rule) => rule.kind === 'record' && rule.name.endsWith('_slo:target'));
    expect(targets.map((rule) => [rule.name, rule.expr.match(/^(0\.\d+) \*/)?.[1]])).toEqual([
      ['environment:openai_api_availability_slo:target', '0.99'],
      ['environment:openai_api_latency_slo:target', '0.95'],
    ]);
    for (const rule of alerts.filter((alert) => /BurnRate/.test(alert.name))) {
      const target = rule.name.includes('Availability') ? targets[0].name : targets[1].name;
      expect({ alert: rule.name, divides: rule.expr.split(`(1 - ${target})`).length - 1 }).toEqual({
        alert: rule.name,
        divides: 4,
      });
      expect(rule.expr).not.toMatch(/0\.9\d/);
    }
  });

  it('the budget alerts read the amount from openai_api_budget_usd, never a literal', () => {
    const ratio = rules.find((rule) => rule.name === 'budget_tenant_window:openai_api_budget_spent:ratio');
    expect(ratio?.expr).toContain('openai_api_budget_usd');
    for (const name of ['OpenAiBudgetNearlySpent', 'OpenAiBudgetExceeded']) {
      expect(alerts.find((alert) => alert.name === name)?.expr).toMatch(
        /^budget_tenant_window:openai_api_budget_spent:ratio >= (0\.8|1)$/,
      );
    }
  });
});
