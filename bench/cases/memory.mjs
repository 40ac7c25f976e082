// Case 5, one variant per process (run with --expose-gc): heap bytes per series once the series
// exist. --variant=ours records successes through the library's recorder and scrapes once (so the
// buffered values have reached prom-client); --variant=floor records the same samples with plain
// prom-client metrics. Series are the operations' exposition sample lines, as in the scrape case
// (the module's own few series, price data and error count, are left out on both sides).
import { args, countSeries, loadLibrary, require, runMain } from '../lib/common.mjs';
import { startOurModule } from '../lib/our-module.mjs';

const MODEL = 'gpt-4o-mini';
const OPERATION_SERIES = /capability="/;
const USAGE = { input: 420, output: 170, cachedInput: 128, reasoning: 0 };

function heapUsed() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

async function ours(operations) {
  const { app, recorder } = await startOurModule();
  const promClient = require('prom-client');
  // The module itself, metrics registered, no series yet.
  await promClient.register.metrics();
  const before = heapUsed();
  for (let i = 0; i < operations; i++) {
    recorder.recordSuccess({
      capability: `cap_${i % 50}`,
      operation: `op_${i}`,
      durationMs: 800 + (i % 4000),
      calls: [{ model: MODEL, usage: USAGE }],
    });
  }
  const text = await promClient.register.metrics();
  const after = heapUsed();
  const result = { bytes: after - before, series: countSeries(text, OPERATION_SERIES) };
  await app.close();
  return result;
}

async function floor(operations) {
  const { Counter, Gauge, Histogram, register } = require('prom-client');
  const lib = loadLibrary();
  const op = ['capability', 'operation'];
  const requests = new Counter({ name: lib.OPENAI_API_REQUESTS_TOTAL, help: 'h', labelNames: [...op, 'status'] });
  const inFlight = new Gauge({ name: lib.OPENAI_API_IN_FLIGHT, help: 'h', labelNames: op });
  const duration = new Histogram({
    name: lib.OPENAI_API_REQUEST_DURATION_MS,
    help: 'h',
    labelNames: [...op, 'status'],
    buckets: [...lib.DEFAULT_DURATION_BUCKETS_MS],
  });
  const tokens = new Counter({ name: lib.OPENAI_API_TOKENS_TOTAL, help: 'h', labelNames: [...op, 'type', 'model'] });
  const details = new Counter({ name: lib.OPENAI_API_TOKEN_DETAILS_TOTAL, help: 'h', labelNames: [...op, 'type', 'model'] });
  const cost = new Counter({ name: lib.OPENAI_API_COST_USD_TOTAL, help: 'h', labelNames: [...op, 'model'] });
  await register.metrics();
  const before = heapUsed();
  for (let i = 0; i < operations; i++) {
    const labels = { capability: `cap_${i % 50}`, operation: `op_${i}` };
    requests.inc({ ...labels, status: 'success' });
    inFlight.set(labels, 0);
    duration.observe({ ...labels, status: 'success' }, 800 + (i % 4000));
    tokens.inc({ ...labels, type: 'input', model: MODEL }, USAGE.input);
    tokens.inc({ ...labels, type: 'output', model: MODEL }, USAGE.output);
    details.inc({ ...labels, type: 'cached_input', model: MODEL }, USAGE.cachedInput);
    cost.inc({ ...labels, model: MODEL }, 0.0001);
  }
  const text = await register.metrics();
  const after = heapUsed();
  return { bytes: after - before, series: countSeries(text, OPERATION_SERIES) };
}

async function main() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
  const { variant = 'ours', operations = '2000' } = args();
  const { bytes, series } = await (variant === 'ours' ? ours : floor)(Number(operations));
  return { variant, operations: Number(operations), series, bytes, bytesPerSeries: bytes / series };
}

runMain(main);
