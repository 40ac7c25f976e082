'use strict';
// Case 2, throughput, one mode per process: the same OpenAI calls through the real `openai` SDK
// against the simulator over loopback, --mode=bare (no instrumentation) | otel
// (@opentelemetry/instrumentation-openai with sdk-metrics and the Prometheus exporter) | ours
// (OpenAiClientService + @Instrumented). The OpenTelemetry instrumentation patches `openai` when it
// is required, so it has to be registered first, and ours enables AsyncLocalStorage for the whole
// process: that is why every mode runs in its own process. (--transport=replay is available for
// ad-hoc runs; the bench measures per-call cost in-process instead, see peer-replay.cjs.)
const { args, elapsedNs, median, nowNs, report } = require('../lib/common.cjs');
const { oursService, plainService, replayFetch, sdkClient } = require('../lib/openai-calls.cjs');
const { OTEL_CALLS, OUR_CALLS, recordedCalls, registerOtelPeer } = require('../lib/otel-peer.cjs');

async function bare(options) {
  const service = plainService(sdkClient(options));
  return { service, exposition: async () => '', close: async () => undefined, patched: false };
}

async function otel(options) {
  const peer = registerOtelPeer();
  const { OpenAI } = require('openai');
  const patched = Boolean(OpenAI.Responses.prototype.create.__wrapped && OpenAI.Chat.Completions.prototype.create.__wrapped);
  const service = plainService(sdkClient(options));
  return { service, exposition: peer.exposition, close: peer.close, patched };
}

async function ours(options) {
  const promClient = require('prom-client');
  const { service, close } = await oursService(options);
  return { service, exposition: () => promClient.register.metrics(), close, patched: false };
}

async function run(service, calls, concurrency) {
  let next = 0;
  let sink = 0;
  const worker = async () => {
    while (next < calls) {
      const result = await service.call(next++);
      sink += result.usage ? 1 : 0;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (sink !== calls) throw new Error(`${calls - sink} calls returned no usage`);
}

async function measure(service, calls, concurrency) {
  const cpu = process.cpuUsage();
  const start = nowNs();
  await run(service, calls, concurrency);
  const wallNs = elapsedNs(start);
  const used = process.cpuUsage(cpu);
  return { callsPerSec: (calls * 1e9) / wallNs, cpuUsPerCall: (used.user + used.system) / calls, wallUsPerCall: wallNs / 1000 / calls };
}

async function main() {
  const { mode, baseURL, transport = 'simulator', calls = '2000', samples = '5', warmup = '1500', concurrency = '8' } = args();
  const modes = { bare, otel, ours };
  if (!modes[mode]) throw new Error(`unknown mode ${mode}`);
  // The same client options in every mode (ours forces maxRetries: 0 itself; the others get it here).
  const options = { apiKey: 'sk-bench', baseURL, maxRetries: 0 };
  if (transport === 'replay') options.fetch = await replayFetch(baseURL);
  const { service, exposition, close, patched } = await modes[mode](options);
  const c = Number(concurrency);
  await run(service, Number(warmup), c);
  const results = [];
  for (let s = 0; s < Number(samples); s++) results.push(await measure(service, Number(calls), c));
  const text = await exposition();
  await close();
  const pick = (key) => median(results.map((r) => r[key]));
  const totalCalls = Number(warmup) + Number(samples) * Number(calls);
  report({
    mode,
    transport,
    patched,
    callsPerSec: pick('callsPerSec'),
    cpuUsPerCall: pick('cpuUsPerCall'),
    wallUsPerCall: pick('wallUsPerCall'),
    samples: results,
    totalCalls,
    recordedCalls: recordedCalls(text, mode === 'otel' ? OTEL_CALLS : OUR_CALLS),
    metricLines: text
      .split('\n')
      .filter((line) => /^(gen_ai_client_operation_duration_count|openai_api_requests_total)/.test(line)),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
