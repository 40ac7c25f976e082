import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const INFRA_DIR = join(REPO_ROOT, 'infra');

export const COMPOSE_FILE = join(INFRA_DIR, 'docker-compose.yml');
export const PROMETHEUS_DIR = join(INFRA_DIR, 'prometheus');
export const PROMETHEUS_CONFIG = join(PROMETHEUS_DIR, 'prometheus.yml');
export const RULES_DIR = join(PROMETHEUS_DIR, 'rules');
export const RULE_TESTS_DIR = join(PROMETHEUS_DIR, 'tests');
export const GRAFANA_PROVISIONING_DIR = join(INFRA_DIR, 'grafana', 'provisioning');
export const DASHBOARDS_DIR = join(GRAFANA_PROVISIONING_DIR, 'dashboards');
export const OPENAI_API_DASHBOARD_JSON = join(DASHBOARDS_DIR, 'openai-api.json');
export const RUNBOOK = join(INFRA_DIR, 'RUNBOOK.md');
export const ALERTMANAGER_CONFIG = join(INFRA_DIR, 'alertmanager', 'alertmanager.yml');

/** Absolute paths of the files in `dir` whose name ends with `suffix`, sorted. */
export function filesEndingWith(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

export const ruleFiles = (): string[] => filesEndingWith(RULES_DIR, '.yml');
export const ruleTestFiles = (): string[] => filesEndingWith(RULE_TESTS_DIR, '.test.yml');
