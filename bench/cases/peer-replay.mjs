// Case 2, per-call cost of the peer, in one process: the same calls through the real `openai` SDK
// with replayed answers (no sockets), sequential, one request mix per process (--mix=generation |
// embeddings: their garbage differs too much to share a process fairly), variants interleaved:
//   bare      the SDK's own, unpatched `create` (kept by the instrumentation as `__original`)
//   otel      the patched `create`: @opentelemetry/instrumentation-openai recording into sdk-metrics
//             with the Prometheus exporter as reader, no context manager (the peer's cheapest setup)
//   bare-als  the bare call inside AsyncLocalStorage.run: Node 20's promise hooks, which any active
//             AsyncLocalStorage turns on for every promise in the process (ours uses one): the floor
//   otel-als  the patched call with an AsyncLocalStorage context manager registered, as
//             OpenTelemetry's NodeSDK does for traces
// Run with INTERLEAVED_NODE_ARGS (lib/interleaved.mjs). Around every chunk every AsyncLocalStorage is disabled and the global context manager removed, so
// the variants without one really run without promise hooks.
import { AsyncLocalStorage } from 'node:async_hooks';
import { args, require, runMain, sumOfLines } from '../lib/common.mjs';
import { measureInterleaved } from '../lib/interleaved.mjs';
import { replayFetch, requestMix, sdkCall } from '../lib/openai-calls.mjs';
import { alsContextManager, OTEL_CALL_LINE, patchedCreates, registerOtelPeer } from '../lib/otel-peer.mjs';

async function main() {
  const { baseURL, mix = 'generation', rounds = '200', chunk = '50', warmup = '2000' } = args();
  const peer = registerOtelPeer();
  const api = require('@opentelemetry/api');
  const { OpenAI } = require('openai');
  const creates = patchedCreates();
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL, maxRetries: 0, fetch: (await replayFetch(baseURL)).fetch });
  const resources = { response: client.responses, chat: client.chat.completions, embedding: client.embeddings };
  const request = requestMix(mix);
  const patched = (i) => sdkCall(client, request(i));
  const bare = (i) => {
    const { kind, body } = request(i);
    return creates[kind].__original.call(resources[kind], body);
  };
  const storage = new AsyncLocalStorage();
  const manager = alsContextManager();
  const reset = () => {
    api.context.disable();
    storage.disable();
    manager.storage.disable();
  };
  const { cpuUs, wallUs, bytes, calls, collectionsInChunks } = await measureInterleaved(
    {
      bare: { call: bare, before: reset },
      otel: { call: patched, before: reset },
      'bare-als': { call: (i) => storage.run({}, () => bare(i)), before: reset, after: reset },
      'otel-als': { call: patched, before: () => api.context.setGlobalContextManager(manager), after: reset },
    },
    { rounds: Number(rounds), chunk: Number(chunk), warmup: Number(warmup) },
  );
  const text = await peer.exposition();
  await peer.close();
  return {
    mix,
    us: cpuUs,
    wallUs,
    bytes,
    collectionsInChunks,
    added: { otel: cpuUs.otel - cpuUs.bare, als: cpuUs['bare-als'] - cpuUs.bare, otelAls: cpuUs['otel-als'] - cpuUs.bare },
    otelCalls: calls.otel + calls['otel-als'],
    recordedCalls: sumOfLines(text, OTEL_CALL_LINE),
    example: text.split('\n').find((line) => OTEL_CALL_LINE.test(line)),
  };
}

runMain(main);
