#!/usr/bin/env node
// The infra tests run a real Prometheus (and promtool), Alertmanager (and amtool) and VictoriaMetrics, validate
// compose with docker-compose and run the compose services in network namespaces (ip, ss), all from Debian's
// packages. On a fresh machine running as root this installs them; otherwise it says how.
import { execFileSync, spawnSync } from 'node:child_process';

const TOOLS = [
  { command: 'prometheus', pkg: 'prometheus' },
  { command: 'promtool', pkg: 'prometheus' },
  { command: 'docker-compose', pkg: 'docker-compose' },
  { command: 'victoria-metrics', pkg: 'victoria-metrics' },
  { command: 'prometheus-alertmanager', pkg: 'prometheus-alertmanager' },
  { command: 'amtool', pkg: 'prometheus-alertmanager' },
  { command: 'ip', pkg: 'iproute2' },
  { command: 'ss', pkg: 'iproute2' },
];

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const packages = [...new Set(TOOLS.filter((tool) => !has(tool.command)).map((tool) => tool.pkg))];

if (packages.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(`The tests need Debian's ${packages.join(' and ')}: sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} from Debian…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}
