import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import {
  GRAFANA_PROVISIONING_DIR,
  hostPathOf,
  OPENAI_API_DASHBOARD_JSON,
  PROMETHEUS_CONFIG,
  PROMETHEUS_DIR,
  readComposeFile,
  readCommittedPrometheusConfig,
  ruleFiles,
} from './support';

interface DatasourcesYaml {
  datasources: { name: string; type: string; uid: string; url: string; isDefault: boolean; jsonData?: Record<string, unknown> }[];
}
interface ProvidersYaml {
  providers: { type: string; options: { path: string } }[];
}

const compose = readComposeFile();
const prometheusConfig = readCommittedPrometheusConfig();
const readYaml = <T>(path: string): T => parse(readFileSync(path, 'utf8')) as T;

describe('how the compose services, Prometheus and Grafana provisioning fit together', () => {
  it('Prometheus scrapes the ai service on the port it listens on', () => {
    const [target] = prometheusConfig.scrape_configs[0].static_configs[0].targets;
    const [host, port] = target.split(':');
    expect(compose.services[host]).toBeDefined();
    expect(compose.services[host].ports?.some((mapping) => mapping.endsWith(`:${port}`))).toBe(true);
  });

  it('the Prometheus container sees the config and every rule file through its mounts', () => {
    const prometheus = compose.services['prometheus'];
    const configInContainer = prometheus.command
      ?.find((arg) => arg.startsWith('--config.file='))
      ?.slice('--config.file='.length);
    expect(configInContainer).toBe('/etc/prometheus/prometheus.yml');
    expect(hostPathOf(prometheus, '/etc/prometheus/prometheus.yml')).toBe(PROMETHEUS_CONFIG);

    // rule_files globs are relative to the config file: each rule file must match one and be mounted.
    const globs = (prometheusConfig.rule_files ?? []).map((glob) => join('/etc/prometheus', glob));
    for (const ruleFile of ruleFiles()) {
      const containerPath = join('/etc/prometheus/rules', basename(ruleFile));
      expect(hostPathOf(prometheus, containerPath)).toBe(ruleFile);
      expect(globs.some((glob) => globToRegExp(glob).test(containerPath))).toBe(true);
    }
  });

  it('the token file of the commented authorization block is mounted from a git-ignored folder', () => {
    const tokenPath = /#\s*credentials_file:\s*(\S+)/.exec(readFileSync(PROMETHEUS_CONFIG, 'utf8'))?.[1] ?? '';
    const hostPath = hostPathOf(compose.services['prometheus'], tokenPath);
    expect(hostPath).toBe(join(PROMETHEUS_DIR, 'secrets', 'metrics-token'));
    expect(readFileSync(join(PROMETHEUS_DIR, 'secrets', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('the Grafana datasource points at the prometheus service with the uid the dashboard uses', () => {
    const { datasources } = readYaml<DatasourcesYaml>(join(GRAFANA_PROVISIONING_DIR, 'datasources', 'prometheus.yml'));
    expect(datasources).toEqual([
      expect.objectContaining({
        name: 'Prometheus',
        type: 'prometheus',
        uid: 'openai-prometheus',
        url: 'http://prometheus:9090',
        isDefault: true,
      }),
    ]);
    expect(compose.services['prometheus'].ports?.[0]).toMatch(/:9090$/);
    // $__rate_interval is computed from this: it has to match the real scrape interval.
    expect(datasources[0].jsonData?.['timeInterval']).toBe(prometheusConfig.global?.['scrape_interval']);
  });

  it('the dashboard provider reads the folder the generated JSON is mounted into', () => {
    const grafana = compose.services['grafana'];
    const { providers } = readYaml<ProvidersYaml>(join(GRAFANA_PROVISIONING_DIR, 'dashboards', 'dashboards.yml'));
    expect(providers).toHaveLength(1);
    expect(providers[0].type).toBe('file');
    const hostDir = hostPathOf(grafana, providers[0].options.path);
    expect(hostDir && join(hostDir, 'openai-api.json')).toBe(OPENAI_API_DASHBOARD_JSON);

    const home = grafana.environment?.['GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH'] ?? '';
    expect(hostPathOf(grafana, home)).toBe(OPENAI_API_DASHBOARD_JSON);
    expect(existsSync(OPENAI_API_DASHBOARD_JSON)).toBe(true);
  });
});

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}
