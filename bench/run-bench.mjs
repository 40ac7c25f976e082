#!/usr/bin/env node
// `npm run bench`: builds what it needs, runs every case, checks that the figures mean something
// (identical renders, every call counted), prints a table and writes bench/RESULTS.md. Every figure
// is the median of several runs after a warm-up; every comparison is a ratio measured in the same
// run, with variants alternated so that drift hits them alike.
//   --quick       every case once with few iterations, every check enforced, no timing judged; the
//                 report goes to tmp/ (what `npm test` runs as `nx test bench`)
//   --skip-build  reuses dist/ (the Nx target has built it already)
//   --render      only rewrites RESULTS.md from results.json
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChecks } from './lib/checks.mjs';
import { INTERLEAVED_NODE_ARGS } from './lib/interleaved.mjs';
import { require, sumOfLines } from './lib/common.mjs';
import { OUR_CALL_LINE } from './lib/otel-peer.mjs';
import { freePort, killAll, runChild, startServer } from './lib/processes.mjs';
import { renderResults } from './lib/report.mjs';
import { max, median, min, rotated } from './lib/stats.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const QUICK = process.argv.includes('--quick');

const PLAN = QUICK
  ? {
      perCall: { rounds: 1, calls: 10000, samples: 1, warmup: 1 },
      replay: { rounds: 1, peerChunks: 3, oursChunks: 3, chunk: 50, warmup: 100 },
      collections: { rounds: 1, calls: 2000, warmup: 500 },
      throughput: { rounds: 1, warmup: 100, calls: 200, samples: 1 },
      scrapeSamples: 1,
      e2e: { rounds: 1, seconds: 1 },
      memoryRounds: 1,
    }
  : {
      perCall: { rounds: 5, calls: 50000, samples: 5, warmup: 2 },
      replay: { rounds: 5, peerChunks: 100, oursChunks: 120, chunk: 100, warmup: 2000 },
      collections: { rounds: 3, calls: 15000, warmup: 5000 },
      throughput: { rounds: 3, warmup: 1500, calls: 800, samples: 3 },
      scrapeSamples: 21,
      e2e: { rounds: 20, seconds: 2 },
      memoryRounds: 2,
    };

const started = Date.now();
const checks = createChecks();

function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
  process.stdout.write(`[bench ${seconds}s] ${message}\n`);
}

function build() {
  if (process.argv.includes('--skip-build')) return log('build skipped (--skip-build)');
  log('building openai-metrics, ai and openai-simulator (nx, no daemon)…');
  const result = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'openai-metrics', 'ai', 'openai-simulator', '--outputStyle=static'],
    { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

async function startSimulator() {
  const listening = (out) => /listening on (http:\/\/\S+)/.exec(out);
  return startServer(
    ROOT,
    'simulator',
    join(ROOT, 'dist/apps/openai-simulator/main.js'),
    { SIM_HOST: '127.0.0.1', SIM_PORT: '0', SIM_LATENCY_MS: '0' },
    { ready: (out) => listening(out) && { baseURL: listening(out)[1] } },
  );
}

const child = (script, args, options) => runChild(ROOT, join(BENCH, 'cases', script), args, options);

/** Case 1: bare method, hand-written prom-client floor, @Instrumented; one process per variant per round. */
async function perCallCase() {
  const { rounds, calls, samples, warmup } = PLAN.perCall;
  const variants = ['bare', 'floor', 'instrumented', 'bare-als'];
  const runs = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of rotated(variants, round)) {
      log(`1 per-call overhead: round ${round + 1}/${rounds}, ${variant}`);
      runs[variant].push(await child('per-call.mjs', [`--variant=${variant}`, `--calls=${calls}`, `--samples=${samples}`, `--warmup=${warmup}`]));
    }
  }
  for (const variant of ['floor', 'instrumented']) {
    const counted = runs[variant].every((r) => r.recordedCalls === r.calls);
    checks.check(`1 per-call: ${variant} records every call`, counted, runs[variant].map((r) => `${r.recordedCalls} of ${r.calls}`).join(', '));
  }
  const summary = (key) => Object.fromEntries(variants.map((v) => [v, median(runs[v].map((r) => r[key]))]));
  const plain = summary('nsPerCall');
  const scraped = summary('nsPerCallWithScrape');
  const roundRatios = (key) =>
    runs.bare.map((_, i) => (runs.instrumented[i][key] - runs.bare[i][key]) / (runs.floor[i][key] - runs.bare[i][key]));
  return {
    plain,
    scraped,
    calls,
    ratio: (plain.instrumented - plain.bare) / (plain.floor - plain.bare),
    ratioWithScrape: (scraped.instrumented - scraped.bare) / (scraped.floor - scraped.bare),
    roundRatios: roundRatios('nsPerCall'),
    roundRatiosWithScrape: roundRatios('nsPerCallWithScrape'),
    seriesLines: Object.fromEntries(variants.map((v) => [v, runs[v][0].seriesLines])),
  };
}

/**
 * The per-call processes of case 2, by key: the peer's (one per request mix) and ours (one per module
 * configuration and request mix; Responses / Chat with a priced and an unpriced model share one).
 */
const REPLAY_PROCESSES = {
  'peer:generation': ['peer-replay.mjs', '--mix=generation'],
  'peer:embeddings': ['peer-replay.mjs', '--mix=embeddings'],
  'full:generation': ['breakdown.mjs', '--config=full', '--mixes=generation,unpriced'],
  'full:embeddings': ['breakdown.mjs', '--config=full', '--mixes=embeddings'],
  'off:generation': ['breakdown.mjs', '--config=off', '--mixes=generation'],
  'tenant:generation': ['breakdown.mjs', '--config=tenant', '--mixes=generation'],
};

/**
 * Case 2: the same calls through the real SDK, bare vs the OpenTelemetry peer vs ours.
 * Per-call cost: replayed answers (no sockets), sequential, variants interleaved in chunks inside one
 * process each: peer-replay.mjs (bare, peer, and the floor: the promise hooks of an active
 * AsyncLocalStorage) and breakdown.mjs (ours against the bare SDK, both above that floor, one process
 * per module configuration), alternating processes over several rounds.
 * Throughput: the simulator over loopback, 8 calls in flight, one process per mode, rotating.
 */
async function peerCase(baseURL) {
  const { rounds, peerChunks, oursChunks, chunk, warmup } = PLAN.replay;
  const runs = Object.fromEntries(Object.keys(REPLAY_PROCESSES).map((key) => [key, []]));
  for (let round = 0; round < rounds; round++) {
    for (const key of rotated(Object.keys(REPLAY_PROCESSES), round)) {
      log(`2 per SDK call, replayed answers: round ${round + 1}/${rounds}, ${key}`);
      const [script, ...args] = REPLAY_PROCESSES[key];
      const chunks = script === 'peer-replay.mjs' ? peerChunks : oursChunks;
      const childArgs = [...args, `--baseURL=${baseURL}`, `--chunk=${chunk}`, `--warmup=${warmup}`, `--rounds=${chunks}`];
      runs[key].push(await child(script, childArgs, { nodeArgs: INTERLEAVED_NODE_ARGS }));
    }
  }
  const peerRuns = [...runs['peer:generation'], ...runs['peer:embeddings']];
  checks.check(
    '2 peer: its own exporter counts every patched call',
    peerRuns.every((r) => r.recordedCalls === r.otelCalls),
    peerRuns.map((r) => `${r.recordedCalls} of ${r.otelCalls}`).join(', '),
  );
  checkBreakdown(runs);

  const modes = ['bare', 'otel', 'ours'];
  const sim = Object.fromEntries(modes.map((m) => [m, []]));
  const { rounds: simRounds, warmup: simWarmup, calls, samples } = PLAN.throughput;
  for (let round = 0; round < simRounds; round++) {
    for (const mode of rotated(modes, round)) {
      log(`2 throughput against the simulator: round ${round + 1}/${simRounds}, ${mode}`);
      sim[mode].push(
        await child('peer.mjs', [
          `--mode=${mode}`,
          `--baseURL=${baseURL}`,
          '--concurrency=8',
          `--warmup=${simWarmup}`,
          `--calls=${calls}`,
          `--samples=${samples}`,
        ]),
      );
    }
  }
  for (const mode of ['otel', 'ours']) {
    checks.check(
      `2 throughput: ${mode} counts every call over sockets`,
      sim[mode].every((r) => r.recordedCalls === r.totalCalls),
      sim[mode].map((r) => `${r.recordedCalls} of ${r.totalCalls}`).join(', '),
    );
  }

  const med = (list, pick) => median(list.map(pick));
  const peer = Object.fromEntries(
    ['generation', 'embeddings'].map((mix) => {
      const list = runs[`peer:${mix}`];
      return [
        mix,
        {
          us: Object.fromEntries(['bare', 'otel', 'bare-als', 'otel-als'].map((v) => [v, med(list, (r) => r.us[v])])),
          added: Object.fromEntries(['otel', 'als', 'otelAls'].map((v) => [v, med(list, (r) => r.added[v])])),
          bytes: Object.fromEntries(['bare', 'otel', 'bare-als', 'otel-als'].map((v) => [v, med(list, (r) => r.bytes[v])])),
        },
      ];
    }),
  );
  /** Ours in one configuration and request mix: medians over its processes, and their spread above the floor. */
  const oursOf = (key, mix) => {
    const list = runs[key];
    const above = list.map((r) => r.byMix[mix].aboveFloor);
    const figures = Object.fromEntries(['sdk', 'ours', 'aboveFloor', 'bytesAbove'].map((k) => [k, med(list, (r) => r.byMix[mix][k])]));
    return { ...figures, aboveFloorRange: [min(above), max(above)] };
  };
  return {
    openaiVersion: require('openai/version').VERSION,
    otelVersions: {
      instrumentationOpenai: require('@opentelemetry/instrumentation-openai/package.json').version,
      instrumentation: require('@opentelemetry/instrumentation/package.json').version,
      sdkMetrics: require('@opentelemetry/sdk-metrics/package.json').version,
      exporterPrometheus: require('@opentelemetry/exporter-prometheus/package.json').version,
    },
    examples: { otel: runs['peer:generation'][0].example, ours: runs['full:generation'][0].example },
    peer,
    ours: {
      full: {
        generation: oursOf('full:generation', 'generation'),
        unpriced: oursOf('full:generation', 'unpriced'),
        embeddings: oursOf('full:embeddings', 'embeddings'),
      },
      off: { generation: oursOf('off:generation', 'generation') },
      tenant: { generation: oursOf('tenant:generation', 'generation') },
    },
    runs: { rounds, peerChunks, oursChunks, chunk },
    collectionsInChunks: Object.values(runs).flat().reduce((total, r) => total + r.collectionsInChunks, 0),
    simRate: Object.fromEntries(modes.map((m) => [m, med(sim[m], (r) => r.callsPerSec)])),
    simCpuUs: Object.fromEntries(modes.map((m) => [m, med(sim[m], (r) => r.cpuUsPerCall)])),
    simRateRange: Object.fromEntries(modes.map((m) => [m, [min(sim[m].map((r) => r.callsPerSec)), max(sim[m].map((r) => r.callsPerSec))]])),
  };
}

const COLLECTION_VARIANTS = ['bare', 'bare-als', 'peer', 'ours'];
const COLLECTION_FIGURES = ['gcPauseUsPerCall', 'promotedBytesPerCall', 'scavengesPer1000Calls', 'fullCollectionsPer1000Calls'];
/** What ours may promote per call beyond the bare SDK under the same promise hooks before the check fails (bytes). */
const PROMOTION_MARGIN_BYTES = 512;

/**
 * Case 2, collections: what the replayed calls cost the garbage collector, which the per-call chunks
 * leave out (collections.mjs), one variant and request mix per process, rotating over rounds.
 */
async function collectionsCase(baseURL) {
  const { rounds, calls, warmup } = PLAN.collections;
  const mixes = ['generation', 'embeddings'];
  const keys = mixes.flatMap((mix) => COLLECTION_VARIANTS.map((variant) => `${mix}:${variant}`));
  const runs = Object.fromEntries(keys.map((key) => [key, []]));
  for (let round = 0; round < rounds; round++) {
    for (const key of rotated(keys, round)) {
      log(`2 collections, replayed answers: round ${round + 1}/${rounds}, ${key}`);
      const [mix, variant] = key.split(':');
      runs[key].push(await child('collections.mjs', [`--baseURL=${baseURL}`, `--variant=${variant}`, `--mix=${mix}`, `--calls=${calls}`, `--warmup=${warmup}`]));
    }
  }
  const byMix = Object.fromEntries(
    mixes.map((mix) => [
      mix,
      Object.fromEntries(
        COLLECTION_VARIANTS.map((variant) => [
          variant,
          Object.fromEntries(COLLECTION_FIGURES.map((figure) => [figure, median(runs[`${mix}:${variant}`].map((r) => r[figure]))])),
        ]),
      ),
    ]),
  );
  for (const mix of mixes) {
    const ours = byMix[mix].ours.promotedBytesPerCall;
    const floor = byMix[mix]['bare-als'].promotedBytesPerCall;
    checks.check(
      `2 collections (${mix}): ours promotes no more per call than the bare SDK under the same promise hooks (+ ${PROMOTION_MARGIN_BYTES} B)`,
      ours <= floor + PROMOTION_MARGIN_BYTES,
      `ours ${Math.round(ours)} B, bare SDK ${Math.round(floor)} B per call`,
    );
  }
  return { byMix, runs: { rounds, calls, warmup } };
}

/** `openai_api_instrumentation_errors_total` stays 0: a bench of a failing recorder measures the wrong thing. */
function checkNoInstrumentationErrors(name, runs) {
  const counted = runs.map((r) => r.instrumentationErrors);
  const none = counted.every((e) => Object.keys(e).length === 0);
  checks.check(`${name}: ours counts no instrumentation error`, none, counted.map((e) => JSON.stringify(e)).join(', '));
}

/** What each breakdown process must have recorded for its figures to be the cost of real recording. */
function checkBreakdown(runs) {
  const all = (key, predicate, describe) =>
    checks.check(`2 ours (${key}): ${describe}`, runs[key].every(predicate), runs[key].map((r) => JSON.stringify(r.recorded)).join(', '));
  const callsOf = (r) => Object.values(r.oursCalls).reduce((a, b) => a + b, 0);
  all('full:generation', (r) => r.recorded.calls === callsOf(r), 'counts every call');
  all('full:generation', (r) => r.recorded.tokens > 0 && r.recorded.pricedCost > 0, 'records tokens and the cost of the priced model');
  all('full:generation', (r) => r.recorded.unpricedCalls === r.oursCalls.unpriced, 'counts every call of the unpriced model as unpriced');
  all('full:embeddings', (r) => r.recorded.calls === callsOf(r), 'counts every embeddings call');
  all('full:embeddings', (r) => r.recorded.embeddingTokens === r.embeddingTokensSent, "counts every embeddings call's input tokens");
  all('off:generation', (r) => r.recorded.calls === 0, 'records nothing with enabled: false');
  const tenantCounted = (r) => r.recorded.calls === callsOf(r) && r.recorded.tenantCalls === callsOf(r);
  all('tenant:generation', tenantCounted, 'counts every call, and every call for its tenant');
  checkNoInstrumentationErrors(
    '2 ours',
    Object.entries(runs)
      .filter(([key]) => !key.startsWith('peer'))
      .flatMap(([, list]) => list),
  );
}

/** Case 3: /metrics render time, ours vs prom-client's own registry with byte-identical output (checked by the child). */
async function scrapeCase() {
  log('3 scrape cost: 1,000 and 10,000 series');
  const { results } = await child('scrape.mjs', ['--targets=1000,10000', `--samples=${PLAN.scrapeSamples}`], { nodeArgs: ['--expose-gc'] });
  const identical = results.every((r) => r.identicalOutput);
  checks.check('3 scrape: ours and the floor render byte-identical text', identical, results.map((r) => `${r.series} series`).join(', '));
  checkNoInstrumentationErrors('3 scrape', results);
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
  const { rounds, seconds } = PLAN.e2e;
  const connections = 16;
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
        // Priced as OpenAI's calls would be, so that recording does all it does in production.
        OPENAI_PRICE_PROVIDER: 'openai',
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
  const answered = { on: 0, off: 0 };
  const fires = { on: 0, off: 0 };
  const fire = async (name, duration) => {
    const { url, child: app } = apps[name];
    // A scrape per second during the load, as an eager Prometheus would (both apps alike).
    const scraper = setInterval(() => fetch(`${url}/metrics`).then((r) => r.text()).catch(() => undefined), 1000);
    const cpuBefore = cpuSecondsOf(app.pid);
    const result = await autocannon({
      url: `${url}/v1/summaries`,
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body,
      connections,
      duration,
    });
    clearInterval(scraper);
    const cpuAfter = cpuSecondsOf(app.pid);
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`ai (metrics ${name}): ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
    }
    answered[name] += result['2xx'];
    fires[name]++;
    return {
      rps: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      // The app's own CPU per request: steadier than throughput when three processes share two cores.
      cpuUsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total,
    };
  };
  log('4 end to end: warming both apps up');
  await fire('on', seconds);
  await fire('off', seconds);
  const runs = { on: [], off: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of rotated(['on', 'off'], round)) {
      log(`4 end to end: round ${round + 1}/${rounds}, metrics ${name}`);
      runs[name].push(await fire(name, seconds));
    }
  }
  const recorded = {};
  const errors = {};
  const cost = {};
  for (const name of ['on', 'off']) {
    const text = await (await fetch(`${apps[name].url}/metrics`)).text();
    recorded[name] = sumOfLines(text, OUR_CALL_LINE);
    errors[name] = sumOfLines(text, /^openai_api_instrumentation_errors_total\{/);
    cost[name] = sumOfLines(text, /^openai_api_cost_usd_total\{/);
    await apps[name].stop();
  }
  checks.check('4 end to end: the app prices the calls it records (recording on)', cost.on > 0, `$${cost.on.toFixed(6)}`);
  checks.check('4 end to end: the app counts no instrumentation error', errors.on === 0 && errors.off === 0, `on ${errors.on}, off ${errors.off}`);
  // autocannon stops with up to `connections` requests in flight per run, which the app still
  // answers and records after autocannon stopped counting.
  const cutOff = connections * fires.on;
  checks.check(
    '4 end to end: the app records every answered request (recording on)',
    recorded.on >= answered.on && recorded.on <= answered.on + cutOff,
    `${recorded.on} recorded, ${answered.on} answered (+ at most ${cutOff} cut off by autocannon)`,
  );
  checks.check('4 end to end: the app records nothing with OPENAI_METRICS_ENABLED=false', recorded.off === 0, `${recorded.off} recorded`);
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
    recordedRequests: recorded,
    connections,
    seconds,
    rounds,
  };
}

/** Case 5: heap bytes per series, ours vs prom-client alone. */
async function memoryCase() {
  const runs = { ours: [], floor: [] };
  for (let round = 0; round < PLAN.memoryRounds; round++) {
    for (const variant of rotated(['ours', 'floor'], round)) {
      log(`5 memory: round ${round + 1}/${PLAN.memoryRounds}, ${variant}`);
      runs[variant].push(await child('memory.mjs', [`--variant=${variant}`, '--operations=2000'], { nodeArgs: ['--expose-gc'] }));
    }
  }
  const series = [...runs.ours, ...runs.floor].map((r) => r.series);
  checks.check('5 memory: ours and prom-client alone hold the same number of series', series.every((s) => s === series[0]), series.join(', '));
  return {
    series: series[0],
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
  const results = { environment, plan: PLAN };
  try {
    results.perCall = await perCallCase();
    results.peer = await peerCase(simulator.baseURL);
    results.collections = await collectionsCase(simulator.baseURL);
    results.scrape = await scrapeCase();
    results.e2e = await e2eCase(simulator.baseURL);
    results.memory = await memoryCase();
  } finally {
    await simulator.stop();
  }
  environment.loadAtEnd = loadavg()[0];
  environment.wallSeconds = (Date.now() - started) / 1000;
  results.checks = checks.results;
  process.stdout.write(`\n${checks.summary()}\n`);
  if (checks.failed().length > 0) {
    log('a correctness check failed: the figures are not comparable, nothing written');
    process.exitCode = 1;
    return;
  }
  const { table, markdown } = renderResults(results);
  process.stdout.write(`\n${table}\n`);
  if (QUICK) {
    // Quick figures are too few to mean anything: they go to tmp/ (git-ignored), never to RESULTS.md.
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    writeFileSync(join(ROOT, 'tmp', 'bench-RESULTS.quick.md'), markdown);
    log('--quick: every check passed; bench/RESULTS.md left unchanged, the quick report is in tmp/bench-RESULTS.quick.md');
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
