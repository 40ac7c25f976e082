import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  type ComposeService,
  GRAFANA_PROVISIONING_DIR,
  hostPathOf,
  PROMETHEUS_DIR,
  type PrometheusConfig,
  readCommittedPrometheusConfig,
  readComposeFile,
  runTool,
  SCRAPE_JOB,
} from './support';

const SCALE_CONFIG = join(PROMETHEUS_DIR, 'prometheus.scale.yml');
const compose = readComposeFile();
const scale = readCommittedPrometheusConfig(SCALE_CONFIG);
const base = readCommittedPrometheusConfig();

const aiTargets = (config: PrometheusConfig) =>
  config.scrape_configs.find((job) => job.job_name === SCRAPE_JOB)?.static_configs.flatMap((group) => group.targets) ?? [];

describe('the scale profile: prometheus-scale, three ai replicas and VictoriaMetrics', () => {
  it('prometheus.scale.yml passes promtool check config, rule files included', () => {
    const result = runTool('promtool', ['check', 'config', SCALE_CONFIG]);
    expect(result.report).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('is prometheus.yml plus the replica targets, external_labels and remote_write, so the two cannot drift', () => {
    const { remote_write: _remoteWrite, ...rest } = scale;
    const withoutAdditions = {
      ...rest,
      global: Object.fromEntries(Object.entries(scale.global ?? {}).filter(([key]) => key !== 'external_labels')),
      scrape_configs: scale.scrape_configs.map((job) =>
        job.job_name === SCRAPE_JOB ? { ...job, static_configs: job.static_configs.map((g) => ({ ...g, targets: aiTargets(base) })) } : job,
      ),
    };
    // prometheus.yml's commented authorization block is not parsed, so comparing parsed YAML is exact.
    expect(withoutAdditions).toEqual(base);
    expect(scale.global?.['external_labels']).toEqual({ cluster: 'local', replica: 'prometheus-scale' });
  });

  it('scrapes every replica of the ai service as its own target', () => {
    const aiDockerfile = compose.services['ai'].build?.dockerfile;
    const isReplica = (name: string, service: ComposeService) =>
      name === 'ai' || (service.build?.dockerfile === aiDockerfile && (service.profiles ?? []).includes('scale'));
    const replicas = Object.entries(compose.services)
      .filter(([name, service]) => isReplica(name, service))
      .map(([name]) => `${name}:3002`);
    expect(replicas).toEqual(['ai:3002', 'ai-2:3002', 'ai-3:3002']);
    expect(aiTargets(scale)).toEqual(replicas);
    expect(compose.services['ai-2'].environment).toEqual(compose.services['ai'].environment);
  });

  it('remote-writes the project series to the victoria-metrics service on the port it listens on', () => {
    const vm = compose.services['victoria-metrics'];
    const port = vm.command?.find((arg) => arg.startsWith('-httpListenAddr='))?.split(':').pop();
    expect(scale['remote_write']).toEqual([
      expect.objectContaining({ url: `http://victoria-metrics:${port}/api/v1/write` }),
    ]);
    expect(vm.ports).toEqual([`127.0.0.1:${port}:${port}`]);
    expect(vm.volumes).toEqual(['victoria-metrics-data:/storage']);
    expect(vm.command).toContain('-storageDataPath=/storage');
  });

  it('runs prometheus-scale with prometheus.scale.yml, the same rules, in the scale profile only', () => {
    const service = compose.services['prometheus-scale'];
    expect(service.profiles).toEqual(['scale']);
    expect(service.image).toBe(compose.services['prometheus'].image);
    expect(hostPathOf(service, '/etc/prometheus/prometheus.yml')).toBe(SCALE_CONFIG);
    expect(hostPathOf(service, '/etc/prometheus/rules')).toBe(hostPathOf(compose.services['prometheus'], '/etc/prometheus/rules'));
    for (const name of ['ai-2', 'ai-3', 'victoria-metrics']) expect(compose.services[name].profiles).toEqual(['scale']);
  });

  it('gives Grafana a second datasource for VictoriaMetrics, Prometheus-compatible, not the default', () => {
    const file = join(GRAFANA_PROVISIONING_DIR, 'datasources', 'victoria-metrics.yml');
    const { datasources } = parse(readFileSync(file, 'utf8')) as { datasources: Record<string, unknown>[] };
    expect(datasources).toEqual([
      expect.objectContaining({
        name: 'VictoriaMetrics',
        type: 'prometheus',
        uid: 'openai-victoria-metrics',
        url: 'http://victoria-metrics:8428',
        isDefault: false,
      }),
    ]);
    expect((datasources[0]['jsonData'] as Record<string, unknown>)['timeInterval']).toBe(scale.global?.['scrape_interval']);
  });
});
