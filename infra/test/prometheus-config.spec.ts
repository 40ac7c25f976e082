import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROMETHEUS_CONFIG, readCommittedPrometheusConfig, RULES_DIR, runTool, SCRAPE_JOB } from './support';

describe('infra/prometheus/prometheus.yml', () => {
  it('passes promtool check config, rule files included', () => {
    const result = runTool('promtool', ['check', 'config', PROMETHEUS_CONFIG]);

    expect(result.status).toBe(0);
    // The rules are resolved relative to the config file and checked too.
    expect(result.stdout).toContain(join(RULES_DIR, 'openai-alerts.rules.yml'));
    expect(result.stdout).toContain(join(RULES_DIR, 'openai-recording.rules.yml'));
  });

  it('scrapes the ai service every 15s with the service and environment labels', () => {
    const config = readCommittedPrometheusConfig();
    const job = config.scrape_configs.find((scrape) => scrape.job_name === SCRAPE_JOB);

    expect(config.global?.['scrape_interval']).toBe('15s');
    expect(config.rule_files).toEqual(['rules/*.rules.yml']);
    expect(job?.metrics_path).toBe('/metrics');
    expect(job?.static_configs).toEqual([{ targets: ['ai:3002'], labels: { service: 'ai', environment: 'local' } }]);
  });

  describe('the commented METRICS_TOKEN block', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'infra-config-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    // Uncommenting exactly what the comment says must give a valid config once the token file exists.
    function enableTokenBlock(tokenFile: string): string {
      const lines = readFileSync(PROMETHEUS_CONFIG, 'utf8').split('\n');
      const start = lines.findIndex((line) => /^\s*# authorization:/.test(line));
      expect(start).toBeGreaterThan(0);
      const enabled = lines.map((line, index) =>
        index >= start && index < start + 3 ? line.replace('# ', '') : line,
      );
      return enabled
        .join('\n')
        .replace(/credentials_file: \S+/, `credentials_file: ${tokenFile}`)
        .replace('rules/*.rules.yml', join(RULES_DIR, '*.rules.yml'));
    }

    it('is valid when uncommented and the token file exists', () => {
      const tokenFile = join(dir, 'metrics-token');
      writeFileSync(tokenFile, 'secret');
      const configPath = join(dir, 'prometheus.yml');
      writeFileSync(configPath, enableTokenBlock(tokenFile));

      const result = runTool('promtool', ['check', 'config', configPath]);

      expect(result.report).toContain('SUCCESS');
      expect(result.status).toBe(0);
      expect(readFileSync(configPath, 'utf8')).toMatch(/^ {4}authorization:\n {6}type: Bearer\n {6}credentials_file: /m);
    });

    it('is rejected by promtool while the token file is missing, which is why it stays commented', () => {
      const configPath = join(dir, 'prometheus.yml');
      writeFileSync(configPath, enableTokenBlock(join(dir, 'missing-token')));

      const result = runTool('promtool', ['check', 'config', configPath]);

      expect(result.status).not.toBe(0);
      expect(result.report).toContain('missing-token');
    });
  });
});
