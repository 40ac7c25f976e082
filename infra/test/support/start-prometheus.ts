import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startLocalServer } from './local-server';
import { buildPrometheusConfig } from './prometheus-config';

export interface StartPrometheusOptions {
  /** host:port of each target; keep them on 127.0.0.1. */
  scrapeTargets: string[];
  scrapeIntervalSeconds: number;
  /** Absolute paths of rule files to load (evaluated every scrape interval). */
  ruleFiles?: string[];
  metricsPath?: string;
  /** Sent as `Authorization: Bearer <token>` on every scrape. */
  bearerToken?: string;
  /** host:port of Alertmanagers to send alerts to; none when omitted. */
  alertmanagerTargets?: string[];
  /** Passed as `--enable-feature=…`, e.g. `exemplar-storage`. */
  features?: string[];
  /** Defaults to $PROMETHEUS_BIN or /usr/bin/prometheus. */
  binary?: string;
  startupTimeoutMs?: number;
}

export interface RunningPrometheus {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  configPath: string;
  /** Stops the server and deletes its temporary config and TSDB. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a real Prometheus on a free 127.0.0.1 port with a temporary TSDB, scraping `scrapeTargets` with the job
 * name and static labels of infra/prometheus/prometheus.yml. Resolves once /-/ready answers.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const workDir = mkdtempSync(join(tmpdir(), 'infra-prometheus-'));
  let credentialsFile: string | undefined;
  if (options.bearerToken !== undefined) {
    credentialsFile = join(workDir, 'metrics-token');
    writeFileSync(credentialsFile, options.bearerToken, { mode: 0o600 });
  }
  const configPath = join(workDir, 'prometheus.yml');
  writeFileSync(configPath, stringify(buildPrometheusConfig({ ...options, credentialsFile })));
  const server = await startLocalServer({
    name: 'Prometheus',
    binary: options.binary ?? process.env['PROMETHEUS_BIN'] ?? '/usr/bin/prometheus',
    args: (port, attempt) => [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${join(workDir, `data-${attempt}`)}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...(options.features ?? []).map((feature) => `--enable-feature=${feature}`),
    ],
    readyPath: '/-/ready',
    startupTimeoutMs: options.startupTimeoutMs,
    cleanup: () => rmSync(workDir, { recursive: true, force: true }),
  });
  return { url: server.url, configPath, stop: server.stop };
}
