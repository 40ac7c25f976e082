'use strict';
// Case 2, per-call cost of the peer, in one process: the same calls through the real `openai` SDK
// with replayed simulator answers (no sockets), sequential, variants interleaved in chunks so that
// drift hits all of them alike:
//   bare      the SDK's own, unpatched `create` (kept by the instrumentation as `__original`)
//   otel      the patched `create`: @opentelemetry/instrumentation-openai recording into sdk-metrics
//             with the Prometheus exporter as reader, no context manager (the peer's cheapest setup)
//   bare-als  the bare call inside AsyncLocalStorage.run: Node 20's promise hooks, which any active
//             AsyncLocalStorage turns on for every promise in the process (ours uses one)
//   otel-als  the patched call with an AsyncLocalStorage context manager registered, as
//             OpenTelemetry's NodeSDK does for traces
// Between chunks every AsyncLocalStorage is disabled and the global context manager removed, so the
// variants without one really run without promise hooks.
const { AsyncLocalStorage } = require('node:async_hooks');
const { args, runCalls, elapsedNs, median, nowNs, report } = require('../lib/common.cjs');
const { replayFetch, request } = require('../lib/openai-calls.cjs');
const { alsContextManager, OTEL_CALLS, recordedCalls, registerOtelPeer } = require('../lib/otel-peer.cjs');

async function main() {
  const { baseURL, rounds = '200', chunk = '50', warmup = '2000', transport = 'replay', concurrency = '1' } = args();
  const peer = registerOtelPeer();
  const api = require('@opentelemetry/api');
  const { OpenAI } = require('openai');
  const responses = OpenAI.Responses.prototype.create;
  const chat = OpenAI.Chat.Completions.prototype.create;
  if (!responses.__wrapped || !chat.__wrapped) throw new Error('the OpenTelemetry instrumentation did not patch openai');
  const options = { apiKey: 'sk-bench', baseURL, maxRetries: 0 };
  if (transport === 'replay') options.fetch = await replayFetch(baseURL);
  const client = new OpenAI(options);

  const patchedCall = (i) => {
    const { kind, body } = request(i);
    return kind === 'response' ? client.responses.create(body) : client.chat.completions.create(body);
  };
  const bareCall = (i) => {
    const { kind, body } = request(i);
    return kind === 'response'
      ? responses.__original.call(client.responses, body)
      : chat.__original.call(client.chat.completions, body);
  };
  const storage = new AsyncLocalStorage();
  const manager = alsContextManager();
  const variants = {
    bare: { call: bareCall },
    otel: { call: patchedCall },
    'bare-als': { call: (i) => storage.run({}, () => bareCall(i)) },
    'otel-als': { call: patchedCall, before: () => api.context.setGlobalContextManager(manager) },
  };
  const reset = () => {
    api.context.disable();
    storage.disable();
    manager.storage.disable();
  };
  const names = Object.keys(variants);
  let otelCalls = 0;
  const runChunk = async (name, n) => {
    reset();
    variants[name].before?.();
    const { call } = variants[name];
    const cpu = process.cpuUsage();
    const start = nowNs();
    await runCalls(call, n, Number(concurrency));
    const ns = elapsedNs(start);
    const used = process.cpuUsage(cpu);
    if (name.startsWith('otel')) otelCalls += n;
    reset();
    return { us: ns / n / 1000, cpuUs: (used.user + used.system) / n };
  };
  for (const name of names) await runChunk(name, Number(warmup));
  const times = Object.fromEntries(names.map((name) => [name, []]));
  const cpuTimes = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < Number(rounds); round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      const { us, cpuUs } = await runChunk(name, Number(chunk));
      times[name].push(us);
      cpuTimes[name].push(cpuUs);
    }
  }
  const text = await peer.exposition();
  await peer.close();
  const us = Object.fromEntries(names.map((name) => [name, median(times[name])]));
  const cpuUs = Object.fromEntries(names.map((name) => [name, median(cpuTimes[name])]));
  report({
    cpuUs,
    cpuAdded: { otel: cpuUs.otel - cpuUs.bare, als: cpuUs['bare-als'] - cpuUs.bare, otelAls: cpuUs['otel-als'] - cpuUs.bare },
    rounds: Number(rounds),
    chunk: Number(chunk),
    us,
    added: { otel: us.otel - us.bare, als: us['bare-als'] - us.bare, otelAls: us['otel-als'] - us.bare },
    patched: true,
    otelCalls,
    recordedCalls: recordedCalls(text, OTEL_CALLS),
    example: text.split('\n').find((line) => OTEL_CALLS.test(line)),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
