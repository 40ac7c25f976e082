import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NodeProcess, startNodeProcess } from './node-process';
import { type CommandOutput, runCommand } from './run-command';

/** The Nest app's sources and its two tsconfigs: the Nest starter's (nodenext) and a node10/commonjs one. */
const SOURCES = join(__dirname, '..', '..', 'scratch-app');
// From the npm cache where it can; the registry only for what the cache lacks.
const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund'];

export type ScratchBuild = 'nodenext' | 'node10';
const TSCONFIG: Record<ScratchBuild, string> = { nodenext: 'tsconfig.json', node10: 'tsconfig.node10.json' };

/** A Nest app in a temporary folder, outside the workspace, that installs the library as a user would. */
export class ScratchApp {
  private constructor(
    readonly dir: string,
    readonly packageName: string,
  ) {}

  /** Packs `packageDir` and installs the tarball with `dependencies` (plain `npm install`, no `--force`). */
  static async create(
    packageDir: string,
    dependencies: Record<string, string>,
    devDependencies: Record<string, string>,
  ): Promise<{ app: ScratchApp; install: CommandOutput }> {
    const dir = await mkdtemp(join(tmpdir(), 'openai-metrics-consumer-'));
    await cp(SOURCES, dir, { recursive: true });
    const [packed] = JSON.parse((await runCommand('npm', ['pack', packageDir, '--json', '--pack-destination', dir], dir)).stdout);
    const manifest = {
      name: 'consumer-app',
      private: true,
      dependencies: { [packed.name]: `file:./${packed.filename}`, ...dependencies },
      devDependencies,
    };
    await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    const app = new ScratchApp(dir, packed.name);
    return { app, install: await runCommand('npm', NPM_INSTALL, dir) };
  }

  /** Re-installs only these packages (the peers of one combination) at exact versions. */
  install(versions: Record<string, string>): Promise<CommandOutput> {
    return runCommand('npm', [...NPM_INSTALL, '--save-exact', ...Object.entries(versions).map(([name, version]) => `${name}@${version}`)], this.dir);
  }

  async installedVersion(name: string, under = ''): Promise<string | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, under, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  }

  /** `tsc --strict --skipLibCheck false` with the build's tsconfig; rejects with the compiler's errors. */
  async compile(build: ScratchBuild): Promise<void> {
    const tsc = join(this.dir, 'node_modules', 'typescript', 'bin', 'tsc');
    await runCommand(process.execPath, [tsc, '-p', TSCONFIG[build], '--strict', '--skipLibCheck', 'false'], this.dir);
  }

  /** Runs the compiled app with node; it listens on a free 127.0.0.1 port. */
  start(build: ScratchBuild, env: Record<string, string>): Promise<NodeProcess> {
    return startNodeProcess(join('dist', build, 'main.js'), { cwd: this.dir, env, ready: /consumer app listening on (http:\/\/\S+)/ });
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}
