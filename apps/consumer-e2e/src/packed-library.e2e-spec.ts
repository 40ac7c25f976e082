import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExposition, sumSamples, WORKSPACE_ROOT } from '@openai-monitoring/ai-app-testing';
import { startNodeProcess, type NodeProcess } from './support/node-process';
import { versionBounds, type VersionBounds } from './support/peer-versions';
import type { CommandOutput } from './support/run-command';
import { type ScratchBuild, ScratchApp } from './support/scratch-app';

const PACKAGE_DIR = join(WORKSPACE_ROOT, 'dist', 'libs', 'openai-metrics');
const SIMULATOR_MAIN = join(WORKSPACE_ROOT, 'dist', 'apps', 'openai-simulator', 'main.js');
const BUILDS: ScratchBuild[] = ['nodenext', 'node10'];
/** The peers tried at both ends of the ranges the package declares. */
const MATRIX_PEERS = ['openai', 'prom-client'] as const;
type Bound = keyof VersionBounds;

/** The workspace's own version: its tarball is in the npm cache already, so the install mostly reads the cache. */
function workspaceVersion(name: string): string {
  return JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const APP_DEPENDENCIES = ['@nestjs/common', '@nestjs/core', '@nestjs/platform-express', '@willsoto/nestjs-prometheus', 'reflect-metadata', 'rxjs', 'zod'];
// What a new Nest 11 app compiles with: TypeScript 5 (the workspace builds the package with 6).
const APP_DEV_DEPENDENCIES = { typescript: '5.9.3', '@types/node': workspaceVersion('@types/node') };

function expectNoPeerTrouble(install: CommandOutput): void {
  expect(`${install.stdout}${install.stderr}`).not.toMatch(/ERESOLVE|peer dep|invalid/i);
}

describe('the packed library in a new Nest 11 app outside the workspace', () => {
  let manifest: { peerDependencies: Record<string, string> };
  let bounds: Record<(typeof MATRIX_PEERS)[number], VersionBounds>;
  let simulator: NodeProcess;
  let scratch: ScratchApp;
  let firstInstall: CommandOutput;

  beforeAll(async () => {
    for (const file of [join(PACKAGE_DIR, 'package.json'), SIMULATOR_MAIN]) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run "NX_DAEMON=false npx nx run-many -t build -p openai-metrics openai-simulator"`);
    }
    manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'));
    const found = await Promise.all(MATRIX_PEERS.map(async (name) => [name, await versionBounds(name, manifest.peerDependencies[name], tmpdir())]));
    bounds = Object.fromEntries(found);
    simulator = await startNodeProcess(SIMULATOR_MAIN, {
      cwd: WORKSPACE_ROOT,
      env: { SIM_HOST: '127.0.0.1', SIM_PORT: '0' },
      ready: /listening on (http:\/\/\S+)/,
    });
    const dependencies = Object.fromEntries(APP_DEPENDENCIES.map((name) => [name, workspaceVersion(name)]));
    for (const name of MATRIX_PEERS) dependencies[name] = bounds[name].newest;
    ({ app: scratch, install: firstInstall } = await ScratchApp.create(PACKAGE_DIR, dependencies, APP_DEV_DEPENDENCIES));
  }, 300_000);

  afterAll(async () => {
    await simulator?.stop();
    await scratch?.remove();
  });

  it('installs with a plain npm install: no peer conflict, one shared copy of each peer', async () => {
    expectNoPeerTrouble(firstInstall);
    const nested = join('node_modules', scratch.packageName);
    for (const peer of Object.keys(manifest.peerDependencies)) {
      expect(await scratch.installedVersion(peer)).toBeDefined();
      expect(await scratch.installedVersion(peer, nested)).toBeUndefined();
    }
  });

  it.each<[Bound, Bound]>([
    ['newest', 'newest'],
    ['oldest', 'oldest'],
    ['oldest', 'newest'],
    ['newest', 'oldest'],
  ])('with the %s openai and the %s prom-client: compiles under nodenext and node10, runs, and serves the call on /metrics', async (openaiBound, promBound) => {
    const versions = { openai: bounds.openai[openaiBound], 'prom-client': bounds['prom-client'][promBound] };
    const combination = Object.entries(versions).map(([name, version]) => `${name}@${version}`).join(' ');
    expectNoPeerTrouble(await scratch.install(versions));
    for (const [name, version] of Object.entries(versions)) expect(await scratch.installedVersion(name)).toBe(version);

    const compiled = await Promise.allSettled(BUILDS.map((build) => scratch.compile(build)));
    const errors = compiled.flatMap((result, i) => (result.status === 'rejected' ? [`${BUILDS[i]}: ${(result.reason as Error).message}`] : []));
    if (errors.length > 0) throw new Error(`with ${combination}:\n${errors.join('\n')}`);

    for (const build of BUILDS) {
      const app = await scratch.start(build, { OPENAI_API_KEY: 'sk-consumer-test', OPENAI_BASE_URL: simulator.ready[1] });
      try {
        const url = app.ready[1];
        const answer = await fetch(`${url}/ask`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ question: 'What does Prometheus scrape?' }),
        });
        expect(answer.status).toBe(201);
        expect(typeof ((await answer.json()) as { answer?: unknown }).answer).toBe('string');
        const metrics = await (await fetch(`${url}/metrics`)).text();
        expect(metrics).toContain('openai_api_requests_total{capability="consumer",operation="ask",status="success"} 1');
        const samples = parseExposition(metrics);
        // Under whichever model label: the simulator's address belongs to no provider of the price data.
        for (const type of ['input', 'output']) {
          expect(sumSamples(samples, 'openai_api_tokens_total', { capability: 'consumer', operation: 'ask', type })).toBeGreaterThan(0);
        }
      } catch (error) {
        throw new Error(`with ${combination}, the ${build} build: ${(error as Error).message}\n${app.output()}`);
      } finally {
        await app.stop();
      }
    }
  });
});
