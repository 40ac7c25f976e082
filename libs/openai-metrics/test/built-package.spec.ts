import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..', '..');
const dist = join(root, 'dist', 'libs', 'openai-metrics');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The package name of a bare specifier: `openai/core/streaming` → `openai`, `@nestjs/common` → itself. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

// The test target depends on the build, so this checks what `npm run build` publishes.
describe('the built package dist/libs/openai-metrics', () => {
  const manifest = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));
  const files = filesUnder(dist);
  const declarations = files.filter((file) => file.endsWith('.d.ts'));
  const name = '@openai-monitoring/openai-metrics';

  it('declares its entry points, its peers and its dependencies', () => {
    expect(manifest.name).toBe(name);
    expect(readFileSync(join(dist, manifest.main), 'utf8')).toContain('OpenAiMetricsModule');
    expect(readFileSync(join(dist, manifest.types), 'utf8')).toContain('Instrumented');
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(
      ['@nestjs/common', '@nestjs/core', '@opentelemetry/api', '@willsoto/nestjs-prometheus', 'openai', 'prom-client'].sort(),
    );
    // Exemplars only: without @opentelemetry/api there are none, and nothing fails.
    expect(manifest.peerDependenciesMeta).toEqual({ '@opentelemetry/api': { optional: true } });
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@pydantic/genai-prices', 'tslib']);
  });

  it('depends on no workspace project', () => {
    for (const file of files.filter((path) => path.endsWith('.js'))) expect(readFileSync(file, 'utf8')).not.toMatch(/@openai-monitoring\//);
    expect(Object.keys(manifest.dependencies ?? {})).not.toContainEqual(expect.stringMatching(/^@openai-monitoring\//));
  });

  it('loads with its public API', () => {
    const api = require(join(dist, manifest.main));
    for (const name of ['OpenAiMetricsModule', 'Instrumented', 'OpenAiClientService', 'MetricsController', 'METRICS_ROUTE', 'runClustered']) {
      expect(api[name]).toBeDefined();
    }
    expect(api.OPENAI_API_REQUESTS_TOTAL).toBe('openai_api_requests_total');
  });

  describe('installed under node_modules', () => {
    let project: string;
    const node = (script: string) => execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' }).trim();

    beforeAll(() => {
      project = mkdtempSync(join(tmpdir(), 'openai-metrics-exports-'));
      mkdirSync(join(project, 'node_modules', '@openai-monitoring'), { recursive: true });
      symlinkSync(dist, join(project, 'node_modules', name), 'dir');
    });
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it('resolves through its exports map for require, and hides its internal files', () => {
      expect(node(`console.log(require.resolve('${name}'))`)).toBe(join(dist, 'src', 'index.js'));
      expect(node(`console.log(require('${name}/package.json').name)`)).toBe(name);
      expect(node(`try { require.resolve('${name}/src/lib/openai-metrics.module') } catch (e) { console.log(e.code) }`)).toBe(
        'ERR_PACKAGE_PATH_NOT_EXPORTED',
      );
    });

    it.each([
      ['nodenext', ts.ModuleKind.NodeNext, ts.ModuleResolutionKind.NodeNext],
      ['node10', ts.ModuleKind.CommonJS, ts.ModuleResolutionKind.Node10],
    ])('resolves its types under %s module resolution', (_name, module, moduleResolution) => {
      const resolved = ts.resolveModuleName(name, join(project, 'index.ts'), { module, moduleResolution }, ts.sys);
      expect(resolved.resolvedModule?.resolvedFileName).toBe(join(dist, 'src', 'index.d.ts'));
    });
  });

  it('declares only public entry points of its dependencies, and nothing marked @internal', () => {
    const allowed = new Set([...Object.keys(manifest.peerDependencies), ...Object.keys(manifest.dependencies)]);
    // Optional: a consumer without it must still compile against these declarations.
    allowed.delete('@opentelemetry/api');
    const imports = declarations.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/@internal\b/);
      return [...text.matchAll(/(?:from\s+|import\()\s*['"]([^'"]+)['"]/g)]
        .map((match) => match[1])
        .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtinModules.includes(specifier))
        .map((specifier) => ({ file: file.slice(dist.length + 1), specifier }));
    });
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(({ specifier }) => !allowed.has(packageOf(specifier)))).toEqual([]);
    // As Node resolves them: a subpath outside a dependency's exports map fails with ERR_PACKAGE_PATH_NOT_EXPORTED.
    const unresolved = execFileSync(
      process.execPath,
      ['-e', `const failed = []; for (const i of ${JSON.stringify(imports)}) { try { require.resolve(i.specifier, { paths: [require('path').join(${JSON.stringify(dist)}, i.file)] }); } catch (e) { failed.push({ ...i, code: e.code }); } } console.log(JSON.stringify(failed));`],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(unresolved)).toEqual([]);
  });

  it('exports every type its public declarations reach', () => {
    const index = join(dist, 'src', 'index.d.ts');
    const names = (list: string) =>
      list
        .split(',')
        .map((part) => part.trim().replace(/^type\s+/, ''))
        .filter((part) => part.length > 0);
    const exported = new Set<string>();
    const text = readFileSync(index, 'utf8');
    for (const [, list] of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from/g)) {
      for (const part of names(list)) exported.add(part.split(/\s+as\s+/).pop()!);
    }
    for (const [, from] of text.matchAll(/export\s+\*\s+from\s+'([^']+)'/g)) {
      const star = readFileSync(join(dist, 'src', `${from}.d.ts`), 'utf8');
      for (const [, declared] of star.matchAll(/export declare (?:const|function|class) (\w+)/g)) exported.add(declared);
    }
    const unexported = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, list, from] of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'(\.[^']+)'/g)) {
        for (const part of names(list)) if (!exported.has(part.split(/\s+as\s+/)[0])) unexported.add(`${part} (in ${file.slice(dist.length + 1)})`);
        visit(join(file, '..', `${from}.d.ts`));
      }
      for (const [, from] of source.matchAll(/export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*from\s*'(\.[^']+)'/g)) visit(join(file, '..', `${from}.d.ts`));
    };
    visit(index);
    expect(seen.size).toBeGreaterThan(10);
    expect([...unexported]).toEqual([]);
  });

  it('packs into a tarball with its README and LICENSE, declarations and JavaScript, and no source maps', () => {
    const out = mkdtempSync(join(tmpdir(), 'openai-metrics-pack-'));
    try {
      const packed = JSON.parse(execFileSync('npm', ['pack', dist, '--json', '--pack-destination', out], { encoding: 'utf8' }));
      const paths: string[] = packed[0].files.map((file: { path: string }) => file.path);
      expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'src/index.js', 'src/index.d.ts']));
      expect(paths.filter((path) => !/^src\/.*(?<!\.spec)\.(js|d\.ts)$/.test(path)).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
      expect(readFileSync(join(dist, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('has an Install section in its README that names every peer and what the examples need', () => {
    const readme = readFileSync(join(dist, 'README.md'), 'utf8');
    const install = /^## Install\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
    for (const peer of [...Object.keys(manifest.peerDependencies), 'zod']) expect(install).toContain(peer);
  });
});
