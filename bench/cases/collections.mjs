// Case 2, what the calls cost the garbage collector: one variant and one request mix per process,
// replayed answers, sequential calls, V8's default young generation (the per-call CPU figures of
// peer-replay.mjs and breakdown.mjs keep collections out of their chunks on purpose; this case
// measures exactly what they leave out). --variant:
//   bare      the bare SDK, no AsyncLocalStorage in the process
//   bare-als  the bare SDK inside AsyncLocalStorage.run (the floor's promise hooks)
//   peer      the SDK patched by @opentelemetry/instrumentation-openai (metrics only)
//   ours      the SDK client of OpenAiClientService inside an @Instrumented method
// After a warm-up, v8.GCProfiler records every collection of the measured calls: its cost (the
// main thread's pause) and the old generation before and after, whose growth across a scavenge is
// what the scavenge promoted. Objects that outlive the call that made them are promoted and make
// every later scavenge and the next mark-compact cost more; that is the regression this case exists
// to catch (the parent checks that ours promotes no more per call than the bare SDK).
import { AsyncLocalStorage } from 'node:async_hooks';
import { GCProfiler } from 'node:v8';
import { args, runCalls, runMain } from '../lib/common.mjs';
import { oursService, replayFetch, requestMix, sdkCall, sdkClient } from '../lib/openai-calls.mjs';
import { patchedCreates, registerOtelPeer } from '../lib/otel-peer.mjs';

const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

function oldGenerationBytes(heap) {
  return heap.heapSpaceStatistics.filter((space) => !YOUNG_SPACES.has(space.spaceName)).reduce((sum, space) => sum + space.spaceUsedSize, 0);
}

async function callOf(variant, options, request) {
  if (variant === 'ours') {
    const ours = await oursService({ openai: options });
    return { call: (i) => ours.service.call(i, request), close: ours.close };
  }
  if (variant === 'peer') {
    const peer = registerOtelPeer();
    patchedCreates();
    const client = sdkClient(options);
    return { call: (i) => sdkCall(client, request(i)), close: peer.close };
  }
  const client = sdkClient(options);
  if (variant === 'bare') return { call: (i) => sdkCall(client, request(i)), close: async () => undefined };
  if (variant !== 'bare-als') throw new Error(`unknown variant ${variant}`);
  const storage = new AsyncLocalStorage();
  return { call: (i) => storage.run({}, () => sdkCall(client, request(i))), close: async () => undefined };
}

async function main() {
  const { baseURL, variant, mix = 'generation', calls = '20000', warmup = '5000' } = args();
  // The peer patches `openai` when it is required: nothing here loads it before callOf.
  const { fetch } = await replayFetch(baseURL);
  const subject = await callOf(variant, { apiKey: 'sk-bench', baseURL, maxRetries: 0, fetch }, requestMix(mix));
  await runCalls(subject.call, Number(warmup));
  const n = Number(calls);
  const profiler = new GCProfiler();
  profiler.start();
  await runCalls(subject.call, n);
  const { statistics } = profiler.stop();
  await subject.close();
  let promoted = 0;
  let scavenges = 0;
  let pauseUs = 0;
  for (const collection of statistics) {
    pauseUs += collection.cost;
    if (collection.gcType !== 'Scavenge') continue;
    scavenges++;
    promoted += oldGenerationBytes(collection.afterGC) - oldGenerationBytes(collection.beforeGC);
  }
  return {
    variant,
    mix,
    calls: n,
    gcPauseUsPerCall: pauseUs / n,
    promotedBytesPerCall: promoted / n,
    scavengesPer1000Calls: (1000 * scavenges) / n,
    fullCollectionsPer1000Calls: (1000 * statistics.filter((c) => c.gcType === 'MarkSweepCompact').length) / n,
  };
}

runMain(main);
