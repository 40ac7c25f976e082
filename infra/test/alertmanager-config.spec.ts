import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import {
  ALERTMANAGER_CONFIG,
  type AlertmanagerAlert,
  buildTestAlertmanagerConfig,
  getAlerts,
  hostPathOf,
  INFRA_DIR,
  postAlerts,
  readCommittedAlertmanagerConfig,
  readCommittedPrometheusConfig,
  readComposeFile,
  ruleFiles,
  type RunningAlertmanager,
  runTool,
  startAlertmanager,
  startWebhookReceiver,
  type WebhookReceiver,
} from './support';

// infra/alertmanager/alertmanager.yml: valid for Debian's amtool, routes every alert of the rule files by severity,
// and a real Alertmanager applies its inhibitions. The receivers of the test copy post to a loopback webhook.
jest.setTimeout(30_000);

const AMTOOL = process.env['AMTOOL_BIN'] ?? 'amtool';

interface RuleYaml {
  groups: { rules: { alert?: string; labels?: Record<string, string> }[] }[];
}
const alertRules = ruleFiles().flatMap((path) =>
  (parse(readFileSync(path, 'utf8')) as RuleYaml).groups.flatMap((group) => group.rules.filter((rule) => rule.alert)),
);

const RECEIVER_BY_SEVERITY: Record<string, string> = {
  page: 'pager',
  critical: 'pager',
  ticket: 'tickets',
  warning: 'tickets',
};

function routedReceiver(labels: Record<string, string>): string {
  const args = ['config', 'routes', 'test', `--config.file=${ALERTMANAGER_CONFIG}`];
  const result = runTool(AMTOOL, [...args, ...Object.entries(labels).map(([name, value]) => `${name}=${value}`)]);
  if (result.status !== 0) throw new Error(result.report);
  return result.stdout.trim();
}

describe('infra/alertmanager/alertmanager.yml', () => {
  const config = readCommittedAlertmanagerConfig();

  it('passes amtool check-config', () => {
    const result = runTool(AMTOOL, ['check-config', ALERTMANAGER_CONFIG]);
    expect(result.report).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it.each(alertRules.map((rule) => [rule.alert, rule.labels?.['severity']]))(
    'routes %s (severity %s) to the receiver of its severity',
    (alertname, severity) => {
      expect(routedReceiver({ alertname: alertname as string, severity: severity as string })).toBe(
        RECEIVER_BY_SEVERITY[severity as string],
      );
    },
  );

  it('groups notifications by alert, environment and capability', () => {
    expect(config.route.group_by).toEqual(['alertname', 'environment', 'capability']);
    expect(config.route.routes?.every((route) => route.group_by === undefined)).toBe(true);
  });

  it('has only placeholder receivers, on a reserved domain that never resolves', () => {
    const urls = config.receivers.flatMap((receiver) => receiver.webhook_configs?.map((webhook) => webhook.url) ?? []);
    expect(config.receivers.map((receiver) => receiver.name).sort()).toEqual(['pager', 'tickets']);
    expect(urls.map((url) => new URL(url).hostname.endsWith('.invalid'))).toEqual(urls.map(() => true));
  });

  it('is the config of the compose alertmanager service, which Prometheus sends its alerts to', () => {
    const compose = readComposeFile();
    const alertmanager = compose.services['alertmanager'];
    expect(alertmanager.image).toMatch(/^prom\/alertmanager:v0\.25\./);
    expect(alertmanager.command).toEqual(
      expect.arrayContaining(['--config.file=/etc/alertmanager/alertmanager.yml', '--cluster.listen-address=']),
    );
    expect(hostPathOf(alertmanager, '/etc/alertmanager/alertmanager.yml')).toBe(join(INFRA_DIR, 'alertmanager', 'alertmanager.yml'));
    expect(alertmanager.ports).toEqual(['127.0.0.1:9093:9093']);
    const alerting = readCommittedPrometheusConfig()['alerting'] as {
      alertmanagers: { static_configs: { targets: string[] }[] }[];
    };
    expect(alerting.alertmanagers.flatMap((manager) => manager.static_configs.flatMap((c) => c.targets))).toEqual([
      'alertmanager:9093',
    ]);
  });
});

describe('a real Alertmanager with the committed routes and inhibitions', () => {
  let receiver: WebhookReceiver | undefined;
  let alertmanager: RunningAlertmanager | undefined;
  const url = () => alertmanager?.url as string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    alertmanager = await startAlertmanager(buildTestAlertmanagerConfig(receiver.url));
  });

  afterAll(async () => {
    await alertmanager?.stop();
    await receiver?.close();
  });

  const operation = (alertname: string, environment: string, severity: string) => ({
    labels: { alertname, severity, environment, capability: 'chat', operation: 'stream' },
  });
  const budget = (alertname: string, name: string, severity: string) => ({
    labels: { alertname, severity, environment: 'local', budget: name, window: '24h' },
  });

  const stateKey = (alert: AlertmanagerAlert) =>
    [alert.labels['alertname'], alert.labels['environment'], alert.labels['budget'] ?? ''].join('/');

  /**
   * alertname/environment/budget → state, polled until it equals `expected` or 10 s passed: the inhibitor learns of
   * a source alert asynchronously, so a target alert can show "active" for a moment.
   */
  async function settledStates(expected: Record<string, string>): Promise<Record<string, string>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const states = Object.fromEntries((await getAlerts(url())).map((alert) => [stateKey(alert), alert.status.state]));
      if (isDeepStrictEqual(states, expected) || Date.now() >= deadline) return states;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('holds back per-operation alerts of an environment whose target is down, pages over tickets, exceeded over nearly spent', async () => {
    await postAlerts(url(), [
      { labels: { alertname: 'OpenAiTargetDown', severity: 'critical', environment: 'local', job: 'ai', instance: 'ai:3002' } },
      operation('OpenAiHighFailureRatio', 'local', 'warning'),
      operation('OpenAiSlowRequests', 'local', 'warning'),
      operation('OpenAiAvailabilityBurnRatePage', 'local', 'page'),
      operation('OpenAiLatencyBurnRateTicket', 'local', 'ticket'),
      // Another environment is still scraped: its alerts go out.
      operation('OpenAiHighFailureRatio', 'staging', 'warning'),
      operation('OpenAiAvailabilityBurnRatePage', 'staging', 'page'),
      operation('OpenAiAvailabilityBurnRateTicket', 'staging', 'ticket'),
      budget('OpenAiBudgetExceeded', 'all-daily', 'critical'),
      budget('OpenAiBudgetNearlySpent', 'all-daily', 'warning'),
      budget('OpenAiBudgetNearlySpent', 'acme-daily', 'warning'),
    ]);

    const expected = {
      'OpenAiTargetDown/local/': 'active',
      'OpenAiHighFailureRatio/local/': 'suppressed',
      'OpenAiSlowRequests/local/': 'suppressed',
      'OpenAiAvailabilityBurnRatePage/local/': 'suppressed',
      'OpenAiLatencyBurnRateTicket/local/': 'suppressed',
      'OpenAiHighFailureRatio/staging/': 'active',
      'OpenAiAvailabilityBurnRatePage/staging/': 'active',
      'OpenAiAvailabilityBurnRateTicket/staging/': 'suppressed',
      'OpenAiBudgetExceeded/local/all-daily': 'active',
      'OpenAiBudgetNearlySpent/local/all-daily': 'suppressed',
      'OpenAiBudgetNearlySpent/local/acme-daily': 'active',
    };
    expect(await settledStates(expected)).toEqual(expected);
  });
});
