import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PROMETHEUS_CONFIG } from './infra-paths';

export interface ScrapeOverrides {
  /** host:port of each target, e.g. `127.0.0.1:3002`. */
  scrapeTargets: string[];
  scrapeIntervalSeconds: number;
  /** Absolute paths; none when omitted. */
  ruleFiles?: string[];
  /** Defaults to the committed config's metrics_path. */
  metricsPath?: string;
  /** File holding the bearer token Prometheus sends (authorization.credentials_file). */
  credentialsFile?: string;
  /** host:port of the Alertmanagers alerts go to; without it the committed `alerting` block is dropped. */
  alertmanagerTargets?: string[];
}

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs: { targets: string[]; labels?: Record<string, string> }[];
  authorization?: { type: string; credentials_file: string };
  [key: string]: unknown;
}

export interface PrometheusConfig {
  global?: Record<string, unknown>;
  rule_files?: string[];
  scrape_configs: ScrapeConfig[];
  [key: string]: unknown;
}

export const SCRAPE_JOB = 'ai';

export function readCommittedPrometheusConfig(path = PROMETHEUS_CONFIG): PrometheusConfig {
  return parse(readFileSync(path, 'utf8')) as PrometheusConfig;
}

/**
 * The committed infra/prometheus/prometheus.yml with targets, intervals, rule files, auth and Alertmanagers replaced,
 * so tests scrape with the same job name and static labels (service, environment) as the real stack.
 */
export function buildPrometheusConfig(
  overrides: ScrapeOverrides,
  base: PrometheusConfig = readCommittedPrometheusConfig(),
): PrometheusConfig {
  const job = base.scrape_configs.find((config) => config.job_name === SCRAPE_JOB);
  if (!job) throw new Error(`the base Prometheus config has no "${SCRAPE_JOB}" scrape job`);
  const interval = `${overrides.scrapeIntervalSeconds}s`;
  const labels = job.static_configs[0]?.labels ?? {};
  const scrapeJob: ScrapeConfig = {
    ...job,
    metrics_path: overrides.metricsPath ?? job.metrics_path ?? '/metrics',
    static_configs: [{ targets: overrides.scrapeTargets, labels }],
  };
  if (overrides.credentialsFile) {
    scrapeJob.authorization = { type: 'Bearer', credentials_file: overrides.credentialsFile };
  }
  // The committed block names the compose service `alertmanager`: a test must never resolve it.
  const rest: PrometheusConfig = { ...base };
  delete rest['alerting'];
  const alerting = overrides.alertmanagerTargets
    ? { alerting: { alertmanagers: [{ static_configs: [{ targets: overrides.alertmanagerTargets }] }] } }
    : {};
  return {
    ...rest,
    ...alerting,
    global: { ...base.global, scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    rule_files: overrides.ruleFiles ?? [],
    scrape_configs: [scrapeJob],
  };
}
