#!/usr/bin/env node
// `npm run bench`: builds what it needs, runs the five cases, prints a table and writes
// bench/RESULTS.md. Every figure is the median of several runs after a warm-up; every comparison is
// a ratio measured in the same run, with variants alternated so that drift hits them alike.
// BENCH_QUICK=1 runs fewer rounds (a smoke test; its report goes to tmp/, RESULTS.md is left alone);
// BENCH_SKIP_BUILD=1 reuses dist/; `--render` only rewrites RESULTS.md from results.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { freePort, killAll, runChild, startServer } from './lib/processes.mjs';
import { renderResults } from './lib/report.mjs';
import { median, min, max, rotated } from './lib/stats.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const require = createRequire(import.meta.url);
const QUICK = process.env.BENCH_QUICK === '1';

const PLAN = QUICK
  ? { perCallRounds: 2, replayRounds: 1, replayChunks: 30, breakdownChunks: 15, simulatorRounds: 1, e2eRounds: 2, e2eSeconds: 2, memoryRounds: 1, scrapeSamples: 5 }
  : { perCallRounds: 5, replayRounds: 3, replayChunks: 100, breakdownChunks: 60, simulatorRounds: 3, e2eRounds: 20, e2eSeconds: 2, memoryRounds: 2, scrapeSamples: 21 };

const started = Date.now();

function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
  process.stdout.write(`[bench ${seconds}s] ${message}\n`);
}

function build() {
  if (process.env.BENCH_SKIP_BUILD === '1') return log('build skipped (BENCH_SKIP_BUILD=1)');
  log('building openai-metrics, ai and openai-simulator (nx, no daemon)…');
  const result = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'openai-metrics', 'ai', 'openai-simulator', '--outputStyle=static'],
    { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

async function startSimulator() {
  return startServer(
    ROOT,
    'simulator',
    join(ROOT, 'dist/apps/openai-simulator/main.js'),
    { SIM_HOST: '127.0.0.1', SIM_PORT: '0', SIM_LATENCY_MS: '0' },
    { ready: (out) => /listening on (http:\/\/\S+)/.exec(out) && { baseURL: /listening on (http:\/\/\S+)/.exec(out)[1] } },
  );
}

const child = (script, args, options) => runChild(ROOT, join(BENCH, 'cases', script), args, options);

/** Case 1: bare method, hand-written prom-client floor, @Instrumented; one process per variant per round. */
async function perCallCase() {
  const variants = ['bare', 'floor', 'instrumented', 'bare-als'];
  const runs = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < PLAN.perCallRounds; round++) {
    for (const variant of rotated(variants, round)) {
      log(`1 per-call overhead: round ${round + 1}/${PLAN.perCallRounds}, ${variant}`);
      runs[variant].push(await child('per-call.cjs', [`--variant=${variant}`, '--calls=50000', '--samples=5', '--warmup=2']));
    }
  }
  const summary = (key) => Object.fromEntries(variants.map((v) => [v, median(runs[v].map((r) => r[key]))]));
  const plain = summary('nsPerCall');
  const scraped = summary('nsPerCallWithScrape');
  const roundRatios = (key) =>
    runs.bare.map((_, i) => (runs.instrumented[i][key] - runs.bare[i][key]) / (runs.floor[i][key] - runs.bare[i][key]));
  return {
    plain,
    scraped,
    ratio: (plain.instrumented - plain.bare) / (plain.floor - plain.bare),
    ratioWithScrape: (scraped.instrumented - scraped.bare) / (scraped.floor - scraped.bare),
    roundRatios: roundRatios('nsPerCall'),
    roundRatiosWithScrape: roundRatios('nsPerCallWithScrape'),
    seriesLines: Object.fromEntries(variants.map((v) => [v, runs[v][0].seriesLines])),
  };
}

/**
 * Case 2: the same calls through the real SDK, bare vs the OpenTelemetry peer vs ours.
 * Per-call cost: replayed simulator answers (no sockets), sequential, variants interleaved in chunks
 * inside one process each: peer-replay.cjs (bare, peer, and the promise-hook cost of an active
 * AsyncLocalStorage) and breakdown.cjs (ours against the bare SDK, both under the library's
 * AsyncLocalStorage, with parts knocked out), alternating processes over several rounds.
 * Throughput: the simulator over loopback, 8 calls in flight, one process per mode, rotating.
 */
async function peerCase(baseURL) {
  const peerRuns = [];
  const oursRuns = [];
  for (let round = 0; round < PLAN.replayRounds; round++) {
    for (const which of rotated(['peer', 'ours'], round)) {
      log(`2 per SDK call, replayed answers: round ${round + 1}/${PLAN.replayRounds}, ${which}`);
      if (which === 'peer') {
        peerRuns.push(await child('peer-replay.cjs', [`--baseURL=${baseURL}`, '--chunk=100', `--rounds=${PLAN.replayChunks}`]));
      } else {
        oursRuns.push(await child('breakdown.cjs', [`--baseURL=${baseURL}`, '--chunk=200', `--rounds=${PLAN.breakdownChunks}`]));
      }
    }
  }
  const simModes = ['bare', 'otel', 'ours'];
  const sim = Object.fromEntries(simModes.map((m) => [m, []]));
  for (let round = 0; round < PLAN.simulatorRounds; round++) {
    for (const mode of rotated(simModes, round)) {
      log(`2 throughput against the simulator: round ${round + 1}/${PLAN.simulatorRounds}, ${mode}`);
      sim[mode].push(
        await child('peer.cjs', [`--mode=${mode}`, '--transport=simulator', `--baseURL=${baseURL}`, '--concurrency=8', '--warmup=1500', '--calls=800', '--samples=3']),
      );
    }
  }
  const med = (runs, pick) => median(runs.map(pick));
  const peerUs = Object.fromEntries(['bare', 'otel', 'bare-als', 'otel-als'].map((v) => [v, med(peerRuns, (r) => r.us[v])]));
  const oursUs = Object.fromEntries(['full', '-headers', '-response', '-record', 'sdk'].map((v) => [v, med(oursRuns, (r) => r.us[v])]));
  const parts = Object.fromEntries(['headers', 'withResponse', 'recording', 'rest', 'total'].map((p) => [p, med(oursRuns, (r) => r.parts[p])]));
  const als = med(peerRuns, (r) => r.added.als);
  const simRate = Object.fromEntries(simModes.map((m) => [m, med(sim[m], (r) => r.callsPerSec)]));
  const simCpuUs = Object.fromEntries(simModes.map((m) => [m, med(sim[m], (r) => r.cpuUsPerCall)]));
  return {
    openaiVersion: require('openai/version').VERSION,
    otelVersions: {
      instrumentationOpenai: require('@opentelemetry/instrumentation-openai/package.json').version,
      instrumentation: require('@opentelemetry/instrumentation/package.json').version,
      sdkMetrics: require('@opentelemetry/sdk-metrics/package.json').version,
      exporterPrometheus: require('@opentelemetry/exporter-prometheus/package.json').version,
    },
    otelProof: {
      patched: peerRuns.every((r) => r.patched) && sim.otel.every((r) => r.patched),
      recordedEveryCall:
        peerRuns.every((r) => r.recordedCalls === r.otelCalls) && sim.otel.every((r) => r.recordedCalls === r.totalCalls),
      example: peerRuns[0].example,
    },
    oursProof: {
      recordedEveryCall:
        oursRuns.every((r) => r.recordedCalls === r.recordingCalls) && sim.ours.every((r) => r.recordedCalls === r.totalCalls),
      example: oursRuns[0].example,
    },
    peerUs,
    oursUs,
    addedUs: {
      otel: med(peerRuns, (r) => r.added.otel),
      otelAls: med(peerRuns, (r) => r.added.otelAls),
      als,
      oursBeyondAls: parts.total,
      ours: parts.total + als,
    },
    parts,
    runs: { peer: peerRuns.length, ours: oursRuns.length, peerChunks: PLAN.replayChunks, oursChunks: PLAN.breakdownChunks },
    simRate,
    simCpuUs,
    simRateRange: Object.fromEntries(simModes.map((m) => [m, [min(sim[m].map((r) => r.callsPerSec)), max(sim[m].map((r) => r.callsPerSec))]])),
  };
}

/** Case 3: /metrics render time, ours vs prom-client's own registry with byte-identical output. */
async function scrapeCase() {
  log('3 scrape cost: 1,000 and 10,000 series');
  const { results } = await child('scrape.cjs', ['--targets=1000,10000', `--samples=${PLAN.scrapeSamples}`], {
    nodeArgs: ['--expose-gc'],
  });
  return results;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Case 4: the ai app under autocannon, recording on vs OPENAI_METRICS_ENABLED=false, alternated. */
async function e2eCase(baseURL) {
  const autocannon = require('autocannon');
  const apiKey = 'bench-key';
  const apps = {};
  for (const [name, enabled] of [
    ['on', 'true'],
    ['off', 'false'],
  ]) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    apps[name] = await startServer(
      ROOT,
      `ai (metrics ${name})`,
      join(ROOT, 'dist/apps/ai/main.js'),
      {
        HOST: '127.0.0.1',
        PORT: String(port),
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: baseURL,
        AI_API_KEYS: apiKey,
        // No throttling under load; a 1 s window keeps the throttler's in-memory hit list short (it
        // filters every hit of the window on each request, so a 60 s window makes each request cost
        // more as the run goes on, in both apps, and blurs the comparison).
        THROTTLE_LIMIT: '1000000000',
        THROTTLE_TTL_MS: '1000',
        OPENAI_METRICS_ENABLED: enabled,
      },
      { probe: async () => (await fetch(`${url}/health`)).ok },
    );
    apps[name].url = url;
  }
  const body = JSON.stringify({
    text: 'Prometheus scrapes metrics from instrumented services over HTTP. Each sample has a name, labels and a value.',
  });
  const fire = async (name, seconds) => {
    const { url, child: app } = apps[name];
    // A scrape per second during the load, as an eager Prometheus would (both apps alike).
    const scraper = setInterval(() => fetch(`${url}/metrics`).then((r) => r.text()).catch(() => undefined), 1000);
    const cpuBefore = cpuSecondsOf(app.pid);
    const result = await autocannon({
      url: `${url}/v1/summaries`,
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body,
      connections: 16,
      duration: seconds,
    });
    clearInterval(scraper);
    const cpuAfter = cpuSecondsOf(app.pid);
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`ai (metrics ${name}): ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
    }
    return {
      rps: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      // The app's own CPU per request: steadier than throughput when three processes share two cores.
      cpuUsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total,
    };
  };
  log('4 end to end: warming both apps up');
  await fire('on', 2);
  await fire('off', 2);
  const runs = { on: [], off: [] };
  for (let round = 0; round < PLAN.e2eRounds; round++) {
    for (const name of rotated(['on', 'off'], round)) {
      log(`4 end to end: round ${round + 1}/${PLAN.e2eRounds}, metrics ${name}`);
      runs[name].push(await fire(name, PLAN.e2eSeconds));
    }
  }
  const metrics = {};
  for (const name of ['on', 'off']) {
    const text = await (await fetch(`${apps[name].url}/metrics`)).text();
    metrics[name] = /openai_api_requests_total\{[^}]*status="success"[^}]*\} (\d+)/.exec(text)?.[1] ?? '0';
    await apps[name].stop();
  }
  const med = (name, key) => median(runs[name].map((r) => r[key]));
  return {
    rps: { on: med('on', 'rps'), off: med('off', 'rps') },
    p50: { on: med('on', 'p50'), off: med('off', 'p50') },
    p99: { on: med('on', 'p99'), off: med('off', 'p99') },
    cpuUsPerRequest: { on: med('on', 'cpuUsPerRequest'), off: med('off', 'cpuUsPerRequest') },
    // Each round runs on and off back to back; the median of those paired ratios cancels slow drift
    // of the machine's load better than the ratio of the two medians (reported too).
    ratio: median(runs.on.map((r, i) => r.rps / runs.off[i].rps)),
    ratioOfMedians: med('on', 'rps') / med('off', 'rps'),
    roundRatios: runs.on.map((r, i) => r.rps / runs.off[i].rps),
    raw: runs,
    cpuRatio: median(runs.on.map((r, i) => r.cpuUsPerRequest / runs.off[i].cpuUsPerRequest)),
    recordedRequests: metrics,
    connections: 16,
    seconds: PLAN.e2eSeconds,
    rounds: PLAN.e2eRounds,
  };
}

/** Case 5: heap bytes per series, ours vs prom-client alone. */
async function memoryCase() {
  const runs = { ours: [], floor: [] };
  for (let round = 0; round < PLAN.memoryRounds; round++) {
    for (const variant of rotated(['ours', 'floor'], round)) {
      log(`5 memory: round ${round + 1}/${PLAN.memoryRounds}, ${variant}`);
      runs[variant].push(await child('memory.cjs', [`--variant=${variant}`, '--operations=2000'], { nodeArgs: ['--expose-gc'] }));
    }
  }
  return {
    series: runs.ours[0].series,
    ours: median(runs.ours.map((r) => r.bytesPerSeries)),
    floor: median(runs.floor.map((r) => r.bytesPerSeries)),
  };
}

async function main() {
  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model?.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: totalmem() / 2 ** 30,
    os: `${osType()} ${release()}`,
    loadAtStart: loadavg()[0],
    quick: QUICK,
  };
  build();
  const simulator = await startSimulator();
  log(`simulator at ${simulator.baseURL}`);
  const results = { environment };
  try {
    results.perCall = await perCallCase();
    results.peer = await peerCase(simulator.baseURL);
    results.scrape = await scrapeCase();
    results.e2e = await e2eCase(simulator.baseURL);
    results.memory = await memoryCase();
  } finally {
    await simulator.stop();
  }
  environment.loadAtEnd = loadavg()[0];
  environment.wallSeconds = (Date.now() - started) / 1000;
  const { table, markdown } = renderResults(results);
  process.stdout.write(`\n${table}\n`);
  if (QUICK) {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    writeFileSync(join(ROOT, 'tmp', 'bench-RESULTS.quick.md'), markdown);
    log('BENCH_QUICK=1: bench/RESULTS.md left unchanged; the quick report is in tmp/bench-RESULTS.quick.md');
  } else {
    writeFileSync(join(BENCH, 'RESULTS.md'), markdown);
    writeFileSync(join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    log('wrote bench/RESULTS.md and bench/results.json');
  }
  log(`done in ${environment.wallSeconds.toFixed(0)} s`);
}

/** `node bench/run-bench.mjs --render`: rewrites RESULTS.md from results.json (the figures of the last run). */
function renderOnly() {
  const results = JSON.parse(readFileSync(join(BENCH, 'results.json'), 'utf8'));
  const { table, markdown } = renderResults(results);
  writeFileSync(join(BENCH, 'RESULTS.md'), markdown);
  process.stdout.write(`${table}\n`);
}

if (process.argv.includes('--render')) {
  renderOnly();
} else {
  main().catch((error) => {
    console.error(`bench failed: ${error.stack ?? error.message}`);
    killAll();
    process.exit(1);
  });
}
