import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT } from '../infra-paths';
import { readDockerfileRuntime } from './dockerfile-runtime';
import { type NamespacedProcess, spawnInNamespace } from './namespaced-process';
import { type ComposeNetwork, createComposeNetwork, listeningSockets } from './netns-network';
import type { ResolvedService } from './resolved-compose';

/** Images whose server Debian packages: run with the compose `command` (or the image's default one). */
const IMAGE_RUNTIMES: Record<string, { binary: string; defaultCommand: string[]; ports: number[] }> = {
  'prom/prometheus': {
    binary: 'prometheus',
    defaultCommand: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus'],
    ports: [9090],
  },
  'prom/alertmanager': {
    binary: 'prometheus-alertmanager',
    defaultCommand: ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager'],
    ports: [9093],
  },
  'victoriametrics/victoria-metrics': { binary: 'victoria-metrics', defaultCommand: [], ports: [8428] },
};
/** Images that cannot run here; their namespace exists, so checks can run from where the service would be. */
const NAMESPACE_ONLY_IMAGES: Record<string, number[]> = { 'grafana/grafana': [3000] };

const imageName = (image: string): string => image.replace(/[:@].*$/, '');

export interface ServicePlan {
  service: ResolvedService;
  /** Undefined for a namespace-only service (Grafana). */
  argv?: string[];
  env: Record<string, string>;
  cwd: string;
  /** Ports the container listens on: published, exposed, or the image's EXPOSE. */
  ports: number[];
  /** Where the container's bind mounts and volumes are laid out: container path /x is <root>/x. */
  root: string;
}

export interface StackOptions {
  /** Services that are not started with the others but on demand with `run` (compose `run`), e.g. traffic. */
  oneOff?: string[];
  /** Replaces a bind-mounted file by a rewritten copy: { service: { containerPath: (text) => text } }. */
  rewriteFiles?: Record<string, Record<string, (text: string) => string>>;
  /** Rewrites a service's command line (container paths already mapped). */
  rewriteArgs?: Record<string, (args: string[]) => string[]>;
  startupTimeoutMs?: number;
}

export interface ComposeStack {
  readonly network: ComposeNetwork;
  readonly plans: ServicePlan[];
  /** Long-running services started by `startComposeStack`. */
  readonly processes: ReadonlyMap<string, NamespacedProcess>;
  /** The relays publishing `ports` entries on the root namespace's 127.0.0.1. */
  readonly relays: readonly NamespacedProcess[];
  /** Base URL where `service`'s published container port answers, e.g. http://127.0.0.1:41234. */
  publishedUrl(service: string, containerPort: number): string;
  /** Runs a one-off service to completion with extra environment (like `docker compose run -e`). */
  run(service: string, env?: Record<string, string>, timeoutMs?: number): Promise<{ code: number | null; output: string }>;
  stop(): Promise<void>;
}

/** Lays out the container paths of `service` under `root` and builds its command line. */
export function planService(service: ResolvedService, root: string, options: StackOptions = {}): ServicePlan {
  for (const volume of service.volumes) {
    const path = join(root, volume.target);
    mkdirSync(dirname(path), { recursive: true });
    if (volume.kind === 'bind') symlinkSync(volume.source, path);
    else mkdirSync(path, { recursive: true });
  }
  for (const [containerPath, rewrite] of Object.entries(options.rewriteFiles?.[service.name] ?? {})) {
    const path = join(root, containerPath);
    const text = readFileSync(path, 'utf8');
    unlinkSync(path);
    writeFileSync(path, rewrite(text));
  }
  const toHostPath = (value: string) =>
    service.volumes.some((volume) => value === volume.target || value.startsWith(`${volume.target}/`))
      ? join(root, value)
      : value;
  const mapArg = (arg: string) => {
    const eq = arg.indexOf('=');
    return eq > 0 ? `${arg.slice(0, eq + 1)}${toHostPath(arg.slice(eq + 1))}` : toHostPath(arg);
  };
  const base = { service, root, env: { PATH: process.env['PATH'] ?? '' }, cwd: root };
  const exposed = [...service.ports.map((port) => port.containerPort), ...service.expose];
  if (service.build) {
    // The images copy dist/ and tools/ to /app with the repository's layout, and its node_modules: run from the root.
    const dockerfile = readDockerfileRuntime(resolve(service.build.context, service.build.dockerfile));
    const [program, ...args] = service.command ?? dockerfile.cmd;
    if (program !== 'node') throw new Error(`${service.name}: only node commands can run here, got "${program}"`);
    return {
      ...base,
      argv: [process.execPath, ...args],
      env: { ...base.env, ...dockerfile.env, ...service.environment },
      cwd: REPO_ROOT,
      ports: [...new Set([...exposed, ...dockerfile.expose])],
    };
  }
  const image = imageName(service.image ?? '');
  if (image in NAMESPACE_ONLY_IMAGES) return { ...base, ports: [...new Set([...exposed, ...NAMESPACE_ONLY_IMAGES[image]])] };
  const runtime = IMAGE_RUNTIMES[image];
  if (!runtime) throw new Error(`${service.name}: no Debian server for image "${service.image}"`);
  const args = (service.command ?? runtime.defaultCommand).map(mapArg);
  return {
    ...base,
    argv: [runtime.binary, ...(options.rewriteArgs?.[service.name]?.(args) ?? args)],
    env: { ...base.env, ...service.environment },
    ports: [...new Set([...exposed, ...runtime.ports])],
  };
}

/**
 * Runs the resolved compose services as compose would on one network: each in its own namespace, found by its
 * service name, with its environment, its mounts at the container paths, and its `ports` published on the root
 * namespace's 127.0.0.1 (on free host ports: a developer's own stack may hold the real ones). Resolves once every
 * long-running service listens on its ports. Everything is removed by `stop()`, or at process exit.
 */
export async function startComposeStack(services: ResolvedService[], options: StackOptions = {}): Promise<ComposeStack> {
  const network = createComposeNetwork(services.map((service) => service.name));
  const workDir = mkdtempSync(join(tmpdir(), 'infra-compose-'));
  const processes = new Map<string, NamespacedProcess>();
  const relays: NamespacedProcess[] = [];
  const oneOffs = new Set<NamespacedProcess>();
  const published = new Map<string, string>();
  const everything = () => [...processes.values(), ...relays, ...oneOffs];
  const killAtExit = () => {
    everything().forEach((child) => child.child.kill('SIGKILL'));
    network.remove();
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('exit', killAtExit);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.allSettled(everything().map((child) => child.stop()));
      network.remove();
      rmSync(workDir, { recursive: true, force: true });
      process.removeListener('exit', killAtExit);
    })());

  try {
    const plans = services.map((service) => planService(service, join(workDir, service.name), options));
    const planOf = (name: string) => plans.find((plan) => plan.service.name === name) as ServicePlan;
    const namespaceEnv = (plan: ServicePlan, extra: Record<string, string> = {}) => ({ ...plan.env, ...extra });
    const longRunning = plans.filter((plan) => plan.argv && !options.oneOff?.includes(plan.service.name));
    for (const plan of longRunning) {
      const { name } = plan.service;
      const command = { argv: plan.argv as string[], env: namespaceEnv(plan), cwd: plan.cwd };
      processes.set(name, spawnInNamespace(name, network.namespaceOf(name), command));
    }
    await Promise.all(
      longRunning.map((plan) => waitUntilListening(network, plan, processes.get(plan.service.name)!, options)),
    );
    for (const plan of longRunning) {
      for (const port of plan.service.ports) {
        const { relay, url } = await publish(network, plan.service.name, port.hostIp, port.containerPort);
        relays.push(relay);
        published.set(`${plan.service.name}:${port.containerPort}`, url);
      }
    }
    return {
      network,
      plans,
      processes,
      relays,
      publishedUrl(service, containerPort) {
        const url = published.get(`${service}:${containerPort}`);
        if (!url) throw new Error(`${service} publishes no port ${containerPort}`);
        return url;
      },
      async run(name, env = {}, timeoutMs = 60_000) {
        const plan = planOf(name);
        const child = spawnInNamespace(name, network.namespaceOf(name), {
          argv: plan.argv as string[],
          env: namespaceEnv(plan, env),
          cwd: plan.cwd,
        });
        oneOffs.add(child);
        const timer = setTimeout(() => child.child.kill('SIGKILL'), timeoutMs);
        const code = await child.exited;
        clearTimeout(timer);
        oneOffs.delete(child);
        return { code, output: child.output() };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilListening(
  network: ComposeNetwork,
  plan: ServicePlan,
  child: NamespacedProcess,
  { startupTimeoutMs = 60_000 }: StackOptions,
): Promise<void> {
  const deadline = Date.now() + startupTimeoutMs;
  const namespace = network.namespaceOf(plan.service.name);
  for (;;) {
    if (child.child.exitCode !== null || child.child.signalCode !== null) {
      throw new Error(`${plan.service.name} exited (${child.child.exitCode ?? child.child.signalCode}):\n${child.output()}`);
    }
    const listening = new Set(listeningSockets(namespace).map((socket) => socket.port));
    const missing = plan.ports.filter((port) => !listening.has(port));
    if (missing.length === 0) return;
    if (Date.now() >= deadline) {
      const waited = `${startupTimeoutMs} ms`;
      throw new Error(`${plan.service.name} does not listen on ${missing.join(', ')} after ${waited}:\n${child.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Binds <hostIp>:<free port> in the root namespace and hands the socket to a relay inside the service's namespace. */
async function publish(
  network: ComposeNetwork,
  service: string,
  hostIp: string,
  containerPort: number,
): Promise<{ relay: NamespacedProcess; url: string }> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, hostIp, resolve);
  });
  const address = server.address();
  const hostPort = typeof address === 'object' && address ? address.port : 0;
  // Node exposes a listening socket's descriptor only on its internal handle; the relay inherits it as fd 3.
  const fd = (server as unknown as { _handle: { fd: number } })._handle.fd;
  const relay = spawnInNamespace(`${service}:${containerPort} relay`, network.namespaceOf(service), {
    argv: [process.execPath, join(__dirname, 'publish-relay.mjs'), network.addresses[service], String(containerPort)],
    env: { PATH: process.env['PATH'] ?? '' },
    cwd: REPO_ROOT,
    fds: [fd],
  });
  const deadline = Date.now() + 10_000;
  while (!/relaying to/.test(relay.output())) {
    if (relay.child.exitCode !== null || Date.now() >= deadline) {
      throw new Error(`the relay for ${service}:${containerPort} did not start:\n${relay.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The relay holds the socket now; the test process must not accept on it too.
  server.close();
  return { relay, url: `http://${hostIp}:${hostPort}` };
}

/** Requests made from inside `service`'s namespace (see namespace-fetch.mjs). */
export function fetchFromNamespace(
  network: ComposeNetwork,
  service: string,
  requests: { url: string; form?: Record<string, string> }[],
): ({ status: number; body: string } | { error: string })[] {
  const output = execFileSync(
    'ip',
    ['netns', 'exec', network.namespaceOf(service), process.execPath, join(__dirname, 'namespace-fetch.mjs')],
    { input: JSON.stringify(requests), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
  );
  return JSON.parse(output);
}
