import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every namespace, bridge and veth a run creates starts with one of these, followed by the run id. */
const NETNS_PREFIX = 'oaimon-';
const BRIDGE_PREFIX = 'oabr';
const VETH_PREFIX = 'oav';

export interface ComposeNetwork {
  /** The test process' pid in base 36: unique among live runs, and how a later run recognises a stale one. */
  readonly runId: string;
  readonly bridge: string;
  /** Service name → its address on the bridge (10.203.x.y, nothing else is routed there). */
  readonly addresses: Readonly<Record<string, string>>;
  namespaceOf(service: string): string;
  /** Deletes the namespaces (killing what still runs in them), their hosts files and the bridge. Idempotent. */
  remove(): void;
}

/** Fails with a message saying what is missing: the suite never skips silently. */
export function assertNetnsAvailable(): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const ip = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  const problems = [
    ...(isRoot ? [] : ['not running as root']),
    ...(ip.status === 0
      ? []
      : [`\`ip netns list\` ${ip.error ? `failed: ${ip.error.message}` : `exited ${ip.status}: ${ip.stderr.trim()}`}`]),
  ];
  if (problems.length > 0) {
    throw new Error(
      'This suite runs the compose services in Linux network namespaces and needs root and `ip netns` ' +
        `(Debian package iproute2): ${problems.join('; ')}. Run it as root (CI runs .ci/run as root).`,
    );
  }
}

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const tryIp = (...args: string[]): void => void spawnSync('ip', args, { stdio: 'ignore' });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function deleteNamespace(name: string): void {
  const pids = spawnSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).stdout ?? '';
  for (const pid of pids.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  tryIp('netns', 'del', name);
  rmSync(join('/etc/netns', name), { recursive: true, force: true });
}

/** Removes what earlier runs of this suite left behind: those whose process is gone, and any with our own id. */
export function removeStaleNetworks(ownRunId = process.pid.toString(36)): void {
  const stale = (runId: string) => runId === ownRunId || !isAlive(parseInt(runId, 36));
  const namespaces = ip('netns', 'list')
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => name.startsWith(NETNS_PREFIX));
  for (const name of namespaces) {
    if (stale(name.slice(NETNS_PREFIX.length).split('-')[0])) deleteNamespace(name);
  }
  for (const line of ip('-o', 'link', 'show', 'type', 'bridge').split('\n')) {
    const name = /^\d+:\s+([^:@\s]+)/.exec(line)?.[1];
    if (name?.startsWith(BRIDGE_PREFIX) && stale(name.slice(BRIDGE_PREFIX.length))) tryIp('link', 'del', name);
  }
}

/**
 * One namespace per service, each with a veth into one bridge and an address on a private /24, and an
 * /etc/netns/<ns>/hosts naming every service (what compose's network DNS gives a container). The bridge has no
 * address in the root namespace and nothing is routed or NATed: the services reach each other and nothing else,
 * and the host reaches them only through the published ports.
 */
export function createComposeNetwork(services: string[]): ComposeNetwork {
  const runId = process.pid.toString(36);
  removeStaleNetworks(runId);
  const bridge = `${BRIDGE_PREFIX}${runId}`;
  const subnet = `10.203.${(process.pid % 250) + 1}`;
  const addresses = Object.fromEntries(services.map((service, i) => [service, `${subnet}.${i + 2}`]));
  const namespaceOf = (service: string): string => {
    if (!(service in addresses)) throw new Error(`no namespace for service "${service}"`);
    return `${NETNS_PREFIX}${runId}-${service}`;
  };
  let removed = false;
  const network: ComposeNetwork = {
    runId,
    bridge,
    addresses,
    namespaceOf,
    remove() {
      if (removed) return;
      removed = true;
      services.forEach((service) => deleteNamespace(namespaceOf(service)));
      tryIp('link', 'del', bridge);
    },
  };
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('link', 'set', bridge, 'up');
    const hosts = ['127.0.0.1 localhost', '::1 localhost', ...services.map((s) => `${addresses[s]} ${s}`)].join('\n');
    services.forEach((service, i) => {
      const ns = namespaceOf(service);
      const veth = `${VETH_PREFIX}${runId}x${i}`;
      ip('netns', 'add', ns);
      ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      ip('link', 'set', veth, 'master', bridge, 'up');
      ip('-n', ns, 'addr', 'add', `${addresses[service]}/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      mkdirSync(join('/etc/netns', ns), { recursive: true });
      writeFileSync(join('/etc/netns', ns, 'hosts'), `${hosts}\n`);
    });
  } catch (error) {
    network.remove();
    throw error;
  }
  return network;
}

export interface ListeningSocket {
  /** As ss prints it: 0.0.0.0, *, [::], 127.0.0.1, 10.203.x.y … */
  address: string;
  port: number;
  /** Pids of the processes holding the socket (ss -p). */
  pids: number[];
}

/** TCP sockets in LISTEN state in a namespace (the root namespace when `namespace` is undefined). */
export function listeningSockets(namespace?: string): ListeningSocket[] {
  const ss = ['ss', '-Hltnp'];
  const output = namespace ? ip('netns', 'exec', namespace, ...ss) : execFileSync(ss[0], ss.slice(1), { encoding: 'utf8' });
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const local = line.trim().split(/\s+/)[3];
      const colon = local.lastIndexOf(':');
      const address = local.slice(0, colon).replace(/%\S+$/, '');
      const pids = [...line.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
      return { address, port: Number(local.slice(colon + 1)), pids };
    });
}
