#!/usr/bin/env node
// Builds and runs the product: the ai app, an embedded OpenAI-compatible simulator when no
// OPENAI_API_KEY is set, a small traffic generator and a live one-line summary read from /metrics.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoPrometheus } from './demo-prometheus.mjs';
import { histogramQuantile, parseExposition, sumSamples } from './exposition.mjs';
import { startTraffic } from './traffic.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const useSimulator = !process.env.OPENAI_API_KEY;
const port = Number(process.env.PORT ?? 3002);
const simulatorPort = Number(process.env.SIM_PORT ?? 4010);
const apiKey = (process.env.AI_API_KEYS ?? 'demo-key').split(',')[0].trim();
const aiUrl = `http://127.0.0.1:${port}`;
const children = [];

function log(message) {
  process.stdout.write(`${message}\n`);
}

function build() {
  log('Building the ai app and the simulator…');
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'ai', 'openai-simulator', '--outputStyle=static'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('build failed');
}

function start(name, script, extraEnv) {
  // Own process group: Ctrl-C reaches the demo only, which then stops its children in order.
  const child = spawn(process.execPath, [script], { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      log(`[${name}] exited (${code ?? signal}); stopping the demo`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

async function summaryLine() {
  const headers = process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {};
  const samples = parseExposition(await (await fetch(`${aiUrl}/metrics`, { headers })).text());
  const calls = sumSamples(samples, 'openai_api_requests_total');
  const ok = sumSamples(samples, 'openai_api_requests_total', { status: 'success' });
  const p95 = histogramQuantile(samples, 'openai_api_request_duration_ms', 0.95);
  const tokens = sumSamples(samples, 'openai_api_tokens_total');
  const retries = sumSamples(samples, 'openai_api_retries_total');
  const cost = sumSamples(samples, 'openai_api_cost_usd_total');
  const ratio = calls > 0 ? `${((100 * ok) / calls).toFixed(1)}%` : 'n/a';
  return `calls ${calls} | success ${ratio} | p95 ${p95 === undefined ? 'n/a' : `${Math.round(p95)} ms`} | tokens ${tokens} | retries ${retries} | cost $${cost.toFixed(6)}`;
}

let shuttingDown = false;
let traffic;
let ticker;
let prometheus;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  traffic?.stop();
  clearInterval(ticker);
  log('\nStopping…');
  await Promise.all([
    prometheus?.stop(),
    ...children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 12000).unref();
        }),
    ),
  ]);
  log('Everything has stopped.');
  process.exit(code);
}

async function main() {
  process.on('exit', () => [...children, prometheus?.child].forEach((child) => child?.exitCode === null && child.kill('SIGKILL')));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  build();
  const aiEnv = { PORT: String(port), HOST: '127.0.0.1', AI_API_KEYS: process.env.AI_API_KEYS ?? apiKey, THROTTLE_LIMIT: process.env.THROTTLE_LIMIT ?? '100000' };
  if (useSimulator) {
    start('simulator', 'dist/apps/openai-simulator/main.js', {
      SIM_HOST: '127.0.0.1',
      SIM_PORT: String(simulatorPort),
      SIM_LATENCY_MS: process.env.SIM_LATENCY_MS ?? '400',
      SIM_LATENCY_JITTER_MS: process.env.SIM_LATENCY_JITTER_MS ?? '2600',
      SIM_TRANSIENT_FAULT_RATE: process.env.SIM_TRANSIENT_FAULT_RATE ?? '0.08',
      SIM_PERMANENT_FAULT_RATE: process.env.SIM_PERMANENT_FAULT_RATE ?? '0.02',
      SIM_CACHED_INPUT_RATIO: process.env.SIM_CACHED_INPUT_RATIO ?? '0.25',
    });
    await waitFor(`http://127.0.0.1:${simulatorPort}/health`);
    Object.assign(aiEnv, { OPENAI_API_KEY: 'sk-simulator', OPENAI_BASE_URL: `http://127.0.0.1:${simulatorPort}/v1`, OPENAI_PRICE_PROVIDER: 'openai', OPENAI_RETRY_BASE_DELAY_MS: '200' });
  }
  start('ai', 'dist/apps/ai/main.js', aiEnv);
  await waitFor(`${aiUrl}/health`);
  log('');
  log(`OpenAI backend : ${useSimulator ? `simulator at http://127.0.0.1:${simulatorPort}/v1 (set OPENAI_API_KEY to use OpenAI)` : 'api.openai.com (OPENAI_API_KEY is set)'}`);
  log(`ai service     : ${aiUrl}   (Authorization: Bearer ${apiKey})`);
  log(`metrics        : ${aiUrl}/metrics`);
  log(`health         : ${aiUrl}/health`);
  log(`try            : curl -s -X POST ${aiUrl}/v1/summaries -H 'authorization: Bearer ${apiKey}' -H 'content-type: application/json' -d '{"text":"Prometheus scrapes metrics."}'`);
  const prometheusPort = Number(process.env.PROMETHEUS_PORT ?? 9090);
  prometheus = startDemoPrometheus({ root, aiTarget: `127.0.0.1:${port}`, metricsToken: process.env.METRICS_TOKEN, port: prometheusPort, waitFor, log });
  await prometheus?.ready;
  log('Ctrl-C stops everything.\n');
  // Real OpenAI calls cost money: a real key gets one request every 10 s unless told otherwise.
  const intervalMs = Number(process.env.DEMO_INTERVAL_MS ?? (useSimulator ? 250 : 10000));
  traffic = startTraffic({ baseUrl: aiUrl, apiKey, intervalMs });
  ticker = setInterval(async () => {
    try {
      log(`[${new Date().toISOString().slice(11, 19)}] ${await summaryLine()}`);
    } catch (error) {
      log(`metrics unavailable: ${error.message}`);
    }
  }, Number(process.env.DEMO_SUMMARY_INTERVAL_MS ?? 5000));
}

main().catch((error) => {
  console.error(`demo failed: ${error.message}`);
  void shutdown(1);
});
