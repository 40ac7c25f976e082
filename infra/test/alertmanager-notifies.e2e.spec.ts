import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AiAppProcess,
  type AppWithSimulator,
  postJson,
  startAppWithSimulator,
  stopAppWithSimulator,
} from '@openai-monitoring/ai-app-testing';
import type { SimulatedFault } from '@openai-monitoring/openai-simulator';
import { parse, stringify } from 'yaml';
import {
  buildTestAlertmanagerConfig,
  type ReceivedNotification,
  RULES_DIR,
  type RunningAlertmanager,
  type RunningPrometheus,
  startAlertmanager,
  startPrometheus,
  startWebhookReceiver,
  waitForTargetsUp,
  waitUntilPrometheusMatchesApps,
  type WebhookReceiver,
} from './support';

// End to end, all on 127.0.0.1: upstream failures (the OpenAI simulator answering 500) make the built ai app fail
// operations, a real Prometheus scraping it fires OpenAiHighFailureRatio and sends it to a real Alertmanager, which
// notifies a webhook standing in for a person; when the failures stop, the resolved notification follows.
// Test copies, so this takes seconds instead of 10+ minutes:
// - the committed alert rules with every `for:` cut to 1s, next to the committed recording rules. The SLO and budget
//   rule files are left out: the 50% failures driven below would also fire the availability burn-rate alerts;
// - the committed alertmanager.yml with the receivers pointed at the loopback webhook and group_wait/group_interval
//   cut to 1s. Routing, grouping and repeat intervals stay as committed.
jest.setTimeout(120_000);

const SCRAPE_INTERVAL_SECONDS = 1;
const SUMMARY = { text: 'Alertmanager groups, routes and inhibits the alerts Prometheus sends it.' };
/** One upstream 500 per attempt (OPENAI_MAX_ATTEMPTS = 3): the operation fails and the app answers 502. */
const EXHAUSTED: SimulatedFault[] = [500, 500, 500].map((status) => ({ kind: 'status', status }));

function writeShortenedAlertRules(dir: string): string {
  const rules = parse(readFileSync(join(RULES_DIR, 'openai-alerts.rules.yml'), 'utf8')) as {
    groups: { rules: { for?: string }[] }[];
  };
  for (const rule of rules.groups.flatMap((group) => group.rules)) {
    if (rule.for !== undefined) rule.for = '1s';
  }
  const path = join(dir, 'openai-alerts.rules.yml');
  writeFileSync(path, stringify(rules));
  return path;
}

describe('an alert reaching a person through Alertmanager', () => {
  let running: Partial<AppWithSimulator> = {};
  let receiver: WebhookReceiver | undefined;
  let alertmanager: RunningAlertmanager | undefined;
  let prometheus: RunningPrometheus | undefined;
  const rulesDir = mkdtempSync(join(tmpdir(), 'infra-shortened-rules-'));
  const app = () => running.app as AiAppProcess;

  async function summarize(count: number, outcome: 'success' | 'failure'): Promise<void> {
    for (let i = 0; i < count; i++) {
      if (outcome === 'failure') running.simulator?.enqueueFaults(...EXHAUSTED);
      const answer = await postJson(app().url, '/v1/summaries', SUMMARY);
      expect(answer.status).toBe(outcome === 'success' ? 200 : 502);
    }
    await waitUntilPrometheusMatchesApps(prometheus?.url as string, [app()], ['openai_api_requests_total']);
  }

  beforeAll(async () => {
    running = await startAppWithSimulator();
    receiver = await startWebhookReceiver();
    alertmanager = await startAlertmanager(
      buildTestAlertmanagerConfig(receiver.url, { groupWait: '1s', groupInterval: '1s' }),
    );
    prometheus = await startPrometheus({
      scrapeTargets: [app().target],
      scrapeIntervalSeconds: SCRAPE_INTERVAL_SECONDS,
      ruleFiles: [join(RULES_DIR, 'openai-recording.rules.yml'), writeShortenedAlertRules(rulesDir)],
      alertmanagerTargets: [alertmanager.target],
    });
    await waitForTargetsUp(prometheus.url, 1);
  });

  afterAll(async () => {
    const results = await Promise.allSettled([prometheus?.stop(), alertmanager?.stop(), receiver?.close()]);
    await stopAppWithSimulator(running);
    rmSync(rulesDir, { recursive: true, force: true });
    const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed.length > 0) throw new Error(`cleanup failed: ${failed.map((result) => String(result.reason)).join('; ')}`);
  });

  const expectedLabels = {
    alertname: 'OpenAiHighFailureRatio',
    severity: 'warning',
    environment: 'local',
    capability: 'summaries',
    operation: 'summarize',
  };
  const summaryOf = ({ path, body }: ReceivedNotification) => ({
    path,
    receiver: body.receiver,
    status: body.status,
    groupLabels: body.groupLabels,
    alerts: body.alerts.map((alert) => ({
      status: alert.status,
      labels: alert.labels,
      runbookUrl: alert.annotations['runbook_url'],
    })),
  });
  const notification = (status: 'firing' | 'resolved') => ({
    path: '/tickets',
    receiver: 'tickets',
    status,
    groupLabels: { alertname: 'OpenAiHighFailureRatio', environment: 'local', capability: 'summaries' },
    alerts: [{ status, labels: expectedLabels, runbookUrl: 'infra/RUNBOOK.md#openaihighfailureratio' }],
  });

  it('notifies the ticket receiver once while half the calls fail, and once more when they stop', async () => {
    // Each counter needs a first sample before an increase counts: one success and one failure, scraped, then again.
    await summarize(1, 'success');
    await summarize(1, 'failure');
    await summarize(1, 'success');
    await summarize(1, 'failure');
    const firing = await receiver?.waitFor((received) => received.length > 0);
    expect(firing?.map(summaryOf)).toEqual([notification('firing')]);

    // The failures stop and traffic goes on: 1 failure in 42 calls over the window is below the 5% threshold.
    await summarize(40, 'success');
    const all = await receiver?.waitFor((received) => received.some(({ body }) => body.status === 'resolved'));
    expect(all?.map(summaryOf)).toEqual([notification('firing'), notification('resolved')]);
  });
});
