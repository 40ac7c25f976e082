'use strict';
// Shared by the bench's child processes: paths, timing and statistics helpers.
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
/** The library as `npx nx build openai-metrics` emits it (CommonJS, relative requires only). */
const LIB_DIST = join(ROOT, 'dist', 'libs', 'openai-metrics');

function loadLibrary() {
  require('reflect-metadata');
  return require(LIB_DIST);
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function nowNs() {
  return process.hrtime.bigint();
}

function elapsedNs(start) {
  return Number(process.hrtime.bigint() - start);
}

/** Children report one JSON line on stdout, prefixed so that stray logging cannot be mistaken for it. */
function report(result) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/** Parses `--name=value` arguments. */
function args() {
  const out = {};
  for (const arg of process.argv.slice(2)) {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match) out[match[1]] = match[2];
  }
  return out;
}

/** Makes `total` calls of `call(i)` with `concurrency` of them in flight (1: strictly sequential). */
async function runCalls(call, total, concurrency = 1) {
  if (concurrency <= 1) {
    for (let i = 0; i < total; i++) await call(i);
    return;
  }
  let next = 0;
  const worker = async () => {
    while (next < total) await call(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

module.exports = { ROOT, LIB_DIST, loadLibrary, median, nowNs, elapsedNs, report, args, runCalls };
