import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { AlertmanagerConfig } from './alertmanager-config';
import { startLocalServer } from './local-server';

export interface RunningAlertmanager {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** host:port for Prometheus' alerting block. */
  target: string;
  /** Stops the server and deletes its temporary config and storage. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's Alertmanager ($ALERTMANAGER_BIN or /usr/bin/prometheus-alertmanager) on a free 127.0.0.1 port with
 * `config`, a temporary storage and clustering off (no gossip listener on 0.0.0.0:9094). Resolves once /-/ready answers.
 */
export async function startAlertmanager(config: AlertmanagerConfig): Promise<RunningAlertmanager> {
  const workDir = mkdtempSync(join(tmpdir(), 'infra-alertmanager-'));
  const configPath = join(workDir, 'alertmanager.yml');
  writeFileSync(configPath, stringify(config));
  const server = await startLocalServer({
    name: 'Alertmanager',
    binary: process.env['ALERTMANAGER_BIN'] ?? '/usr/bin/prometheus-alertmanager',
    args: (port, attempt) => [
      `--config.file=${configPath}`,
      `--storage.path=${join(workDir, `data-${attempt}`)}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    readyPath: '/-/ready',
    cleanup: () => rmSync(workDir, { recursive: true, force: true }),
  });
  return { url: server.url, target: `127.0.0.1:${server.port}`, stop: server.stop };
}

export interface PostedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  /** RFC 3339; an endsAt in the past resolves the alert. */
  endsAt?: string;
}

/** What Prometheus does on every evaluation: POST the alerts to /api/v2/alerts. */
export async function postAlerts(url: string, alerts: PostedAlert[]): Promise<void> {
  const response = await fetch(`${url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
  });
  if (!response.ok) throw new Error(`POST /api/v2/alerts answered ${response.status}: ${await response.text()}`);
}

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[]; silencedBy: string[] };
  receivers: { name: string }[];
}

export async function getAlerts(url: string): Promise<AlertmanagerAlert[]> {
  const response = await fetch(`${url}/api/v2/alerts`);
  if (!response.ok) throw new Error(`GET /api/v2/alerts answered ${response.status}`);
  return (await response.json()) as AlertmanagerAlert[];
}
