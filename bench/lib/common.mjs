// Shared by the bench's child processes: paths, loading CommonJS builds, timing and reporting.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { median } from './stats.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The library as `npx nx build openai-metrics` emits it (CommonJS, relative requires only). */
export const LIB_DIST = join(ROOT, 'dist', 'libs', 'openai-metrics');

/**
 * CommonJS `require` for the built library and the packages it shares with the bench (`openai`,
 * `prom-client`, Nest): one module instance each, and the OpenTelemetry instrumentation, which
 * patches `openai` through `require`, sees the same `openai` as the library.
 */
export const require = createRequire(import.meta.url);

export function loadLibrary() {
  require('reflect-metadata');
  return require(LIB_DIST);
}

export function nowNs() {
  return process.hrtime.bigint();
}

export function elapsedNs(start) {
  return Number(process.hrtime.bigint() - start);
}

/** Children report one JSON line on stdout, prefixed so that stray logging cannot be mistaken for it. */
export function report(result) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/** Parses `--name=value` arguments. */
export function args() {
  const out = {};
  for (const arg of process.argv.slice(2)) {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match) out[match[1]] = match[2];
  }
  return out;
}

/** Makes `total` calls of `call(i)` with `concurrency` of them in flight (1: strictly sequential). */
export async function runCalls(call, total, concurrency = 1) {
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

/** Runs a child's `main`, reporting its result; any error ends the process with status 1. */
export function runMain(main) {
  main().then(report, (error) => {
    console.error(error);
    process.exit(1);
  });
}

/** Exposition lines that are samples (what Prometheus counts as series), not comments; optionally only those matching `pattern`. */
export function countSeries(text, pattern) {
  let n = 0;
  for (const line of text.split('\n')) if (line && line[0] !== '#' && (!pattern || pattern.test(line))) n++;
  return n;
}

/** Sum of the values of the exposition lines matching `linePattern` (e.g. the calls a run recorded). */
export function sumOfLines(text, linePattern) {
  let total = 0;
  for (const line of text.split('\n')) if (linePattern.test(line)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  return total;
}
