// Variants measured in one process, in chunks of calls interleaved round after round (each round
// starts one variant later), so that drift of the process and of the machine hits all of them alike.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { median, runCalls } from './common.mjs';

/**
 * Node flags of a process that uses `measureInterleaved`: `gc()` to empty the young generation
 * before every chunk, and a young generation large enough that no chunk fills it. Young-generation
 * collections would otherwise fall on whichever variant happens to run when the nursery is full,
 * the same one at every turn of a fixed rotation, and swamp differences of a few µs; their cost
 * grows with what a variant allocates, which is reported instead (bytes per call).
 */
export const INTERLEAVED_NODE_ARGS = ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'];

/**
 * `variants`: name → { call(i), before?(), after?() } (before/after run around every chunk, untimed).
 * Returns per variant the medians over chunks of the CPU time per call (user + system of the
 * process, µs: on a shared machine it leaves out the time the scheduler gave to others; the calls
 * are sequential and never wait on I/O), of the wall time per call and of the heap allocated per
 * call (bytes), how many calls each made, and how many collections still happened inside a chunk.
 */
export async function measureInterleaved(variants, { rounds, chunk, warmup, concurrency = 1 }) {
  if (typeof globalThis.gc !== 'function') throw new Error(`run with ${INTERLEAVED_NODE_ARGS.join(' ')}`);
  const names = Object.keys(variants);
  const calls = Object.fromEntries(names.map((name) => [name, 0]));
  const samples = Object.fromEntries(names.map((name) => [name, { cpuUs: [], wallUs: [], bytes: [] }]));
  const windows = [];
  const collections = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const runChunk = async (name, n) => {
    const { call, before, after } = variants[name];
    before?.();
    globalThis.gc({ type: 'minor' });
    const heapBefore = getHeapStatistics().used_heap_size;
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await runCalls(call, n, concurrency);
    const end = performance.now();
    const used = process.cpuUsage(cpuBefore);
    const bytes = getHeapStatistics().used_heap_size - heapBefore;
    after?.();
    calls[name] += n;
    windows.push([start, end]);
    return { cpuUs: (used.user + used.system) / n, wallUs: ((end - start) * 1000) / n, bytes: bytes / n };
  };
  for (const name of names) await runChunk(name, warmup);
  windows.length = 0;
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      const result = await runChunk(name, chunk);
      for (const key of Object.keys(result)) samples[name][key].push(result[key]);
    }
  }
  await new Promise((resolve) => setImmediate(resolve));
  collections.push(...observer.takeRecords());
  observer.disconnect();
  const inChunks = collections.filter((gc) => windows.some(([start, end]) => gc.startTime > start && gc.startTime < end)).length;
  const medians = (key) => Object.fromEntries(names.map((name) => [name, median(samples[name][key])]));
  return { cpuUs: medians('cpuUs'), wallUs: medians('wallUs'), bytes: medians('bytes'), calls, collectionsInChunks: inChunks };
}
