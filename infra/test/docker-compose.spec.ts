import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { COMPOSE_FILE, INFRA_DIR, readComposeFile, runTool } from './support';

/** The environment without the variables the compose file interpolates, so defaults are what is tested. */
function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  names.forEach((name) => delete env[name]);
  return env;
}

const INTERPOLATED = [
  'GF_ADMIN_USER',
  'GF_ADMIN_PASSWORD',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_MODEL',
  'OPENAI_PRICE_PROVIDER',
  'AI_API_KEYS',
  'METRICS_TOKEN',
  'SIM_LATENCY_MS',
  'SIM_LATENCY_JITTER_MS',
  'SIM_TRANSIENT_FAULT_RATE',
  'SIM_PERMANENT_FAULT_RATE',
  'SIM_CACHED_INPUT_RATIO',
  'TRAFFIC_BASE_URL',
  'TRAFFIC_INTERVAL_MS',
  'TRAFFIC_COUNT',
];

describe('infra/docker-compose.yml', () => {
  const compose = readComposeFile();

  it('is accepted by docker-compose config -q', () => {
    const result = runTool('docker-compose', ['-f', COMPOSE_FILE, 'config', '-q'], { env: envWithout(...INTERPOLATED) });
    expect(result.stderr).not.toMatch(/warn|error/i);
    expect(result.status).toBe(0);
  });

  it('uses the Compose Specification: no obsolete version key', () => {
    expect(Object.keys(compose)).not.toContain('version');
  });

  it('makes the ai service listen on every interface of its container, so ai:3002 is reachable', () => {
    for (const name of ['ai', 'ai-2', 'ai-3']) expect(compose.services[name].environment?.['HOST']).toBe('0.0.0.0');
  });

  it('runs the demo traffic generator against ai:3002 in the demo profile, below the default throttle', () => {
    const traffic = compose.services['traffic'];
    expect(traffic.profiles).toEqual(['demo']);
    expect(traffic.command).toEqual(['node', 'tools/demo/traffic.mjs']);
    expect(traffic.build?.dockerfile).toBe('infra/docker/openai-simulator.Dockerfile');
    expect(traffic.environment).toMatchObject({
      TRAFFIC_BASE_URL: '${TRAFFIC_BASE_URL:-http://ai:3002}',
      AI_API_KEYS: compose.services['ai'].environment?.['AI_API_KEYS'],
      TRAFFIC_INTERVAL_MS: '${TRAFFIC_INTERVAL_MS:-1000}',
    });
    const dockerfile = readFileSync(resolve(INFRA_DIR, '..', 'infra/docker/openai-simulator.Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY --from=build \/repo\/tools\/demo\/traffic\.mjs \.\/tools\/demo\/traffic\.mjs$/m);
  });

  it('resolves Grafana credentials from GF_ADMIN_USER / GF_ADMIN_PASSWORD, admin/admin by default', () => {
    const grafana = compose.services['grafana'];
    expect(grafana.environment?.['GF_SECURITY_ADMIN_USER']).toBe('${GF_ADMIN_USER:-admin}');
    expect(grafana.environment?.['GF_SECURITY_ADMIN_PASSWORD']).toBe('${GF_ADMIN_PASSWORD:-admin}');

    const resolvedEnv = (env: NodeJS.ProcessEnv) => {
      const result = runTool('docker-compose', ['-f', COMPOSE_FILE, 'config'], { env });
      expect(result.status).toBe(0);
      return (parse(result.stdout) as typeof compose).services['grafana'].environment ?? {};
    };
    expect(resolvedEnv(envWithout(...INTERPOLATED))).toMatchObject({
      GF_SECURITY_ADMIN_USER: 'admin',
      GF_SECURITY_ADMIN_PASSWORD: 'admin',
    });
    expect(resolvedEnv({ ...envWithout(...INTERPOLATED), GF_ADMIN_USER: 'ops', GF_ADMIN_PASSWORD: 's3cret' })).toMatchObject({
      GF_SECURITY_ADMIN_USER: 'ops',
      GF_SECURITY_ADMIN_PASSWORD: 's3cret',
    });
  });

  it('pins every image to a version tag', () => {
    const images = Object.values(compose.services).flatMap((service) => (service.image ? [service.image] : []));
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) {
      const tag = /^[^:@]+(?::([^@]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(image)?.[1];
      expect({ image, tag }).toEqual({ image, tag: expect.stringMatching(/^v?\d+\.\d+\.\d+/) });
    }
    expect(compose.services['prometheus'].image).toMatch(/^prom\/prometheus:/);
    expect(compose.services['grafana'].image).toMatch(/^grafana\/grafana:/);
  });

  it('builds ai and the simulator from the repository with the Dockerfiles under infra/docker', () => {
    for (const [name, dockerfile] of [
      ['ai', 'infra/docker/ai.Dockerfile'],
      ['openai-simulator', 'infra/docker/openai-simulator.Dockerfile'],
    ]) {
      const build = compose.services[name].build;
      expect(build?.dockerfile).toBe(dockerfile);
      const context = resolve(INFRA_DIR, build?.context ?? '');
      expect(existsSync(resolve(context, 'package-lock.json'))).toBe(true);
      expect(existsSync(resolve(context, dockerfile))).toBe(true);
    }
  });

  it('starts the simulator only with the demo profile, everything else by default', () => {
    expect(compose.services['openai-simulator'].profiles).toEqual(['demo']);
    for (const name of ['ai', 'prometheus', 'grafana']) {
      expect(compose.services[name].profiles).toBeUndefined();
    }
  });

  it('passes the ai settings through from the environment', () => {
    const environment = compose.services['ai'].environment ?? {};
    for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'AI_API_KEYS', 'METRICS_TOKEN']) {
      expect(environment[name]).toMatch(new RegExp(`^\\$\\{${name}:-[^}]*\\}$`));
    }
    expect(environment['OPENAI_BASE_URL']).toBe('${OPENAI_BASE_URL:-http://openai-simulator:4010/v1}');
    expect(compose.services['openai-simulator'].environment).toMatchObject({ SIM_HOST: '0.0.0.0', SIM_PORT: '4010' });
  });

  it('publishes the expected ports and keeps Prometheus and Grafana data in named volumes', () => {
    expect(compose.services['ai'].ports).toEqual(['127.0.0.1:3002:3002']);
    expect(compose.services['prometheus'].ports).toEqual(['127.0.0.1:9090:9090']);
    expect(compose.services['grafana'].ports).toEqual(['127.0.0.1:3000:3000']);
    expect(compose.services['grafana'].depends_on).toContain('prometheus');
    expect(compose.services['prometheus'].volumes).toContain('prometheus-data:/prometheus');
    expect(compose.services['grafana'].volumes).toContain('grafana-data:/var/lib/grafana');
    expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(['prometheus-data', 'grafana-data']));
  });
});
