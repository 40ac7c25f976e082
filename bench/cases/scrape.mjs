// Case 3: time to render /metrics (`register.metrics()`, what the /metrics route returns) with about
// 1,000 and 10,000 series, ours versus prom-client's own registry holding the very same series.
//
// Series are made the way the app makes them: one successful operation per distinct (capability,
// operation) pair, with tokens and cost, gives 18 series (requests, in-flight (0 once it is over),
// 12 histogram lines, 2 tokens, 1 token detail (cached input; no reasoning tokens), cost). The floor
// is a second prom-client Registry with the same metric definitions and plain inc/set/observe calls
// (no collect hooks); the bench checks that both render byte-identical text before and after timing.
import { args, countSeries, elapsedNs, median, nowNs, require, runMain } from '../lib/common.mjs';
import { startOurModule } from '../lib/our-module.mjs';

const { Registry, Counter, Gauge, Histogram } = require('prom-client');

const MODEL = 'gpt-4o-mini';
const USAGE = { input: 420, output: 170, cachedInput: 128, reasoning: 0 };
const SERIES_PER_OPERATION = 18;

function operationLabels(i) {
  return { capability: `cap_${i % 50}`, operation: `op_${i}` };
}

/** A plain prom-client copy of every metric our module registers (same name, help, labels, buckets). */
function floorRegistry(ourRegister) {
  const registry = new Registry();
  const metrics = {};
  for (const metric of ourRegister.getMetricsAsArray()) {
    const config = { name: metric.name, help: metric.help, labelNames: [...metric.labelNames], registers: [registry] };
    if (metric.type === 'counter') metrics[metric.name] = new Counter(config);
    else if (metric.type === 'gauge') metrics[metric.name] = new Gauge(config);
    else metrics[metric.name] = new Histogram({ ...config, buckets: [...metric.upperBounds] });
  }
  return { registry, metrics };
}

/** Records one success of every operation through the recorder (what @Instrumented calls). */
function recordOurs(recorder, operations, round) {
  for (let i = 0; i < operations; i++) {
    const { capability, operation } = operationLabels(i);
    recorder.recordSuccess({ capability, operation, durationMs: durationOf(i, round), calls: [{ model: MODEL, usage: USAGE }] });
  }
}

/** The same samples by hand; the cost of one call is the one ours computed (the price data is ours). */
function recordFloor(floor, lib, operations, round, cost) {
  const m = floor.metrics;
  for (let i = 0; i < operations; i++) {
    const op = operationLabels(i);
    m[lib.OPENAI_API_REQUESTS_TOTAL].inc({ ...op, status: 'success' });
    m[lib.OPENAI_API_IN_FLIGHT].set(op, 0);
    m[lib.OPENAI_API_REQUEST_DURATION_MS].observe({ ...op, status: 'success' }, durationOf(i, round));
    m[lib.OPENAI_API_TOKENS_TOTAL].inc({ ...op, type: 'input', model: MODEL }, USAGE.input);
    m[lib.OPENAI_API_TOKENS_TOTAL].inc({ ...op, type: 'output', model: MODEL }, USAGE.output);
    m[lib.OPENAI_API_TOKEN_DETAILS_TOTAL].inc({ ...op, type: 'cached_input', model: MODEL }, USAGE.cachedInput);
    m[lib.OPENAI_API_COST_USD_TOTAL].inc({ ...op, model: MODEL }, cost);
  }
}

function durationOf(i, round) {
  return 800 + ((i * 37 + round * 11) % 4000);
}

/**
 * The series that do not belong to an operation (the price data's timestamp and version, the
 * library's own error count) are the module's, written at start: the floor gets the same values once.
 */
async function copyModuleSeries(register, floor) {
  for (const metric of register.getMetricsAsArray()) {
    if (metric.labelNames.includes('capability')) continue;
    for (const { labels, value } of (await metric.get()).values) {
      if (metric.type === 'gauge') floor.metrics[metric.name].set(labels, value);
      else floor.metrics[metric.name].inc(labels, value);
    }
  }
}

/** After the first round: what ours recorded as the cost of one call. */
async function costOfOneCall(register, lib) {
  const { values } = await register.getSingleMetric(lib.OPENAI_API_COST_USD_TOTAL).get();
  if (values.length === 0) throw new Error(`ours recorded no cost for ${MODEL}`);
  return values[0].value;
}

/** The library counts its own failures; the parent checks that there are none. */
async function instrumentationErrors(register, lib) {
  const { values } = await register.getSingleMetric(lib.OPENAI_API_INSTRUMENTATION_ERRORS_TOTAL).get();
  return Object.fromEntries(values.filter((v) => v.value > 0).map((v) => [v.labels.stage, v.value]));
}

/** Throws, naming the first line that differs, unless ours and the floor render the same text. */
function assertSameText(ours, theirs, when) {
  if (ours === theirs) return;
  const a = ours.split('\n');
  const b = theirs.split('\n');
  const i = a.findIndex((line, k) => line !== b[k]);
  throw new Error(`ours and the floor do not render the same text ${when}; the comparison would be unfair. Line ${i + 1}:\n  ours:  ${a[i]}\n  floor: ${b[i]}`);
}

async function timeRender(registry) {
  // Run with --expose-gc: each render starts from a clean heap, so neither side pays for the
  // other's garbage.
  globalThis.gc?.();
  const start = nowNs();
  const text = await registry.metrics();
  const ns = elapsedNs(start);
  if (text.length === 0) throw new Error('empty exposition');
  return ns;
}

async function main() {
  const { targets = '1000,10000', samples = '11' } = args();
  const promClient = require('prom-client');
  const results = [];
  for (const target of targets.split(',').map(Number)) {
    promClient.register.clear();
    const { lib, app, recorder } = await startOurModule();
    const floor = floorRegistry(promClient.register);
    const operations = Math.ceil(target / SERIES_PER_OPERATION);
    let round = 0;
    recordOurs(recorder, operations, round);
    await copyModuleSeries(promClient.register, floor);
    const cost = await costOfOneCall(promClient.register, lib);
    recordFloor(floor, lib, operations, round++, cost);
    const ours = await promClient.register.metrics();
    const theirs = await floor.registry.metrics();
    assertSameText(ours, theirs, 'before timing');
    const series = countSeries(ours);
    // Warm-up, both ways.
    for (let i = 0; i < 5; i++) {
      await timeRender(promClient.register);
      await timeRender(floor.registry);
    }
    const steadyOurs = [];
    const steadyFloor = [];
    const changedOurs = [];
    const changedFloor = [];
    // Small registries render in about a millisecond, where scheduling noise is relatively larger:
    // they get proportionally more samples (5× at 1,000 series).
    const count = Math.max(Number(samples), Math.round((Number(samples) * 5000) / target));
    for (let s = 0; s < count; s++) {
      // Steady: nothing recorded since the previous scrape.
      const pair = s % 2 ? ['floor', 'ours'] : ['ours', 'floor'];
      for (const who of pair) {
        (who === 'ours' ? steadyOurs : steadyFloor).push(await timeRender(who === 'ours' ? promClient.register : floor.registry));
      }
      // Changed: every series recorded since the previous scrape, so ours flushes all of them now.
      recordOurs(recorder, operations, round);
      recordFloor(floor, lib, operations, round++, cost);
      for (const who of pair) {
        (who === 'ours' ? changedOurs : changedFloor).push(await timeRender(who === 'ours' ? promClient.register : floor.registry));
      }
    }
    assertSameText(await promClient.register.metrics(), await floor.registry.metrics(), 'after timing');
    const errors = await instrumentationErrors(promClient.register, lib);
    await app.close();
    promClient.register.clear();
    results.push({
      instrumentationErrors: errors,
      target,
      series,
      operations,
      samples: count,
      identicalOutput: true,
      steady: { oursMs: median(steadyOurs) / 1e6, floorMs: median(steadyFloor) / 1e6 },
      allChanged: { oursMs: median(changedOurs) / 1e6, floorMs: median(changedFloor) / 1e6 },
    });
  }
  return { results };
}

runMain(main);
