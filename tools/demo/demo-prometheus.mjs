// The demo's Prometheus: Debian's binary, when installed, with the project's scrape config pointed at the local ai
// app and the project's rules, on 127.0.0.1 only. Without the binary the demo runs on and says how to get it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const GRAPHS = [
  ['calls per second', 'sum by (capability, operation) (capability_operation:openai_api_requests:rate5m)'],
  ['failure ratio', 'capability_operation:openai_api_failure_ratio:rate5m'],
  ['p95 duration (ms)', 'max by (capability, operation) (capability_operation:openai_api_request_duration_ms:p95_5m)'],
];

/** prometheus.yml with the `ai` job scraping `aiTarget` every 5 s, the rules by absolute path and no Alertmanager. */
function demoConfig(root, aiTarget, credentialsFile) {
  const config = parse(readFileSync(join(root, 'infra/prometheus/prometheus.yml'), 'utf8'));
  const job = config.scrape_configs.find((scrape) => scrape.job_name === 'ai');
  job.static_configs = [{ ...job.static_configs[0], targets: [aiTarget] }];
  if (credentialsFile) job.authorization = { type: 'Bearer', credentials_file: credentialsFile };
  // Every 5 s instead of 15 s, so the graphs fill within the first minute.
  config.global = { ...config.global, scrape_interval: '5s', evaluation_interval: '5s' };
  config.rule_files = [join(root, 'infra/prometheus/rules/*.rules.yml')];
  // The alerts stay on Prometheus' own Alerts page: the compose service `alertmanager` does not exist here.
  delete config.alerting;
  return config;
}

/**
 * Starts Prometheus on 127.0.0.1:`port`; once it is ready, prints links to ready-made graphs and the alerts page.
 * Returns undefined when it is not installed, else { child, stop, ready } at once, so a Ctrl-C during startup stops it
 * too; `ready` resolves false when it did not start (and is already stopped).
 */
export function startDemoPrometheus({ root, aiTarget, metricsToken, port, waitFor, log }) {
  const binary = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
  if (!existsSync(binary)) {
    log(`prometheus     : not installed; \`sudo apt-get install prometheus\` (or \`npm test\` as root) and the demo runs it on 127.0.0.1:${port}`);
    return undefined;
  }
  const workDir = mkdtempSync(join(tmpdir(), 'demo-prometheus-'));
  let credentialsFile;
  if (metricsToken) {
    credentialsFile = join(workDir, 'metrics-token');
    writeFileSync(credentialsFile, metricsToken, { mode: 0o600 });
  }
  const configPath = join(workDir, 'prometheus.yml');
  writeFileSync(configPath, stringify(demoConfig(root, aiTarget, credentialsFile)));
  const args = [`--config.file=${configPath}`, `--storage.tsdb.path=${join(workDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'];
  // Own process group, like the demo's other children: Ctrl-C reaches the demo, which stops it.
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 10000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killTimer);
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const ready = Promise.race([waitFor(`${url}/-/ready`), exited.then(() => Promise.reject(new Error('exited')))]).then(
    async () => {
      // Debian builds Prometheus without the React UI: its pages are under /classic.
      const ui = (await fetch(`${url}/alerts`)).ok ? url : `${url}/classic`;
      log(`prometheus     : ${url}   (scrapes ${aiTarget} every 5 s, with the rules of infra/prometheus/rules)`);
      for (const [title, expr] of GRAPHS) {
        log(`  ${title.padEnd(18)} ${ui}/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=0&g0.range_input=15m`);
      }
      log(`  ${'alerts'.padEnd(18)} ${ui}/alerts`);
      return true;
    },
    async (error) => {
      await stop();
      log(`prometheus     : did not start on 127.0.0.1:${port} (${error.message}); set PROMETHEUS_PORT for another port\n${stderr.trim()}`);
      return false;
    },
  );
  return { child, stop, ready };
}
