import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const dist = join(root, 'dist', 'libs', 'openai-metrics');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  );
}

// The test target depends on the build, so this checks what `npm run build` publishes.
describe('the built package dist/libs/openai-metrics', () => {
  const manifest = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));

  it('declares its entry points and its peers', () => {
    expect(manifest.name).toBe('@openai-monitoring/openai-metrics');
    expect(readFileSync(join(dist, manifest.main), 'utf8')).toContain('OpenAiMetricsModule');
    expect(readFileSync(join(dist, manifest.types), 'utf8')).toContain('Instrumented');
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(
      ['@nestjs/common', '@nestjs/core', '@willsoto/nestjs-prometheus', 'openai', 'prom-client'].sort(),
    );
  });

  it('depends on no workspace project', () => {
    for (const file of jsFiles(dist)) expect(readFileSync(file, 'utf8')).not.toMatch(/@openai-monitoring\//);
    expect(Object.keys(manifest.dependencies ?? {})).not.toContainEqual(expect.stringMatching(/^@openai-monitoring\//));
  });

  it('loads with its public API', () => {
    const api = require(join(dist, manifest.main));
    for (const name of ['OpenAiMetricsModule', 'Instrumented', 'OpenAiClientService', 'MetricsController', 'METRICS_ROUTE']) {
      expect(api[name]).toBeDefined();
    }
    expect(api.OPENAI_API_REQUESTS_TOTAL).toBe('openai_api_requests_total');
  });

  it('packs into an installable tarball with its README', () => {
    const out = mkdtempSync(join(tmpdir(), 'openai-metrics-pack-'));
    try {
      const packed = JSON.parse(execFileSync('npm', ['pack', dist, '--json', '--pack-destination', out], { encoding: 'utf8' }));
      const files = packed[0].files.map((file: { path: string }) => file.path);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'src/index.js', 'src/index.d.ts']));
      expect(files.some((path: string) => path.endsWith('.spec.js'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
