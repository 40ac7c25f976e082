'use strict';
// Case 3: time to render /metrics (`register.metrics()`, what the /metrics route returns) with about
// 1,000 and 10,000 series, ours versus prom-client's own registry holding the very same series.
//
// Series are made the way the app makes them: one successful operation per distinct (capability,
// operation) pair, with tokens and cost, gives 18 series (requests, in-flight, 12 histogram lines,
// 2 tokens, 1 token detail (cached input; no reasoning tokens), cost). The floor is a second prom-client Registry with the same metric
// definitions and plain inc/set/observe calls (no collect hooks); the bench checks that both render
// byte-identical text before timing anything.
const { Registry, Counter, Gauge, Histogram } = require('prom-client');
const { args, elapsedNs, median, nowNs, report } = require('../lib/common.cjs');
const { countSeries, startOurModule } = require('../lib/our-module.cjs');

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

/**
 * Records one success of every operation: ours through the recorder (what @Instrumented calls), the
 * floor with the same samples by hand. Values written to the floor are copied from the cost model so
 * that both render the same numbers.
 */
function recordRound(recorder, floor, lib, operations, round) {
  const m = floor.metrics;
  for (let i = 0; i < operations; i++) {
    const { capability, operation } = operationLabels(i);
    const durationMs = 800 + ((i * 37 + round * 11) % 4000);
    recorder.recordSuccess({ capability, operation, durationMs, calls: [{ model: MODEL, usage: USAGE }] });
    const op = { capability, operation };
    m[lib.OPENAI_API_REQUESTS_TOTAL].inc({ ...op, status: 'success' });
    m[lib.OPENAI_API_IN_FLIGHT].set(op, 0);
    m[lib.OPENAI_API_REQUEST_DURATION_MS].observe({ ...op, status: 'success' }, durationMs);
    m[lib.OPENAI_API_TOKENS_TOTAL].inc({ ...op, type: 'input', model: MODEL }, USAGE.input);
    m[lib.OPENAI_API_TOKENS_TOTAL].inc({ ...op, type: 'output', model: MODEL }, USAGE.output);
    m[lib.OPENAI_API_TOKEN_DETAILS_TOTAL].inc({ ...op, type: 'cached_input', model: MODEL }, USAGE.cachedInput);
    m[lib.OPENAI_API_COST_USD_TOTAL].inc({ ...op, model: MODEL }, costOf(lib));
  }
}

let cost;
function costOf(lib) {
  if (cost === undefined) {
    const price = lib.DEFAULT_MODEL_PRICES[MODEL];
    const cached = USAGE.cachedInput;
    cost = ((USAGE.input - cached) * price.input + cached * (price.cachedInput ?? price.input) + USAGE.output * price.output) / 1e6;
  }
  return cost;
}

async function timeRender(registry) {
  // Run with --expose-gc: each render starts from a clean heap, so neither side pays for the
  // other's garbage.
  global.gc?.();
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
    recordRound(recorder, floor, lib, operations, round++);
    const ours = await promClient.register.metrics();
    const theirs = await floor.registry.metrics();
    if (ours !== theirs) throw new Error('ours and the floor do not render the same text; the comparison would be unfair');
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
      recordRound(recorder, floor, lib, operations, round++);
      for (const who of pair) {
        (who === 'ours' ? changedOurs : changedFloor).push(await timeRender(who === 'ours' ? promClient.register : floor.registry));
      }
    }
    if ((await promClient.register.metrics()) !== (await floor.registry.metrics())) {
      throw new Error('ours and the floor diverged during the run');
    }
    await app.close();
    promClient.register.clear();
    results.push({
      target,
      series,
      operations,
      samples: count,
      identicalOutput: true,
      steady: { oursMs: median(steadyOurs) / 1e6, floorMs: median(steadyFloor) / 1e6 },
      allChanged: { oursMs: median(changedOurs) / 1e6, floorMs: median(changedFloor) / 1e6 },
    });
  }
  report({ results });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
