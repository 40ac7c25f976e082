// Case 2, throughput, one mode per process: the same OpenAI calls through the real `openai` SDK
// against the simulator over loopback, --mode=bare (no instrumentation) | otel
// (@opentelemetry/instrumentation-openai with sdk-metrics and the Prometheus exporter) | ours
// (OpenAiClientService + @Instrumented). The OpenTelemetry instrumentation patches `openai` when it
// is required, so it has to be registered first, and ours enables AsyncLocalStorage for the whole
// process: that is why every mode runs in its own process.
import { args, elapsedNs, median, nowNs, require, runMain, sumOfLines } from '../lib/common.mjs';
import { oursService, plainService, requestMix, sdkClient } from '../lib/openai-calls.mjs';
import { OTEL_CALL_LINE, OUR_CALL_LINE, patchedCreates, registerOtelPeer } from '../lib/otel-peer.mjs';

const mix = requestMix('generation');

async function bare(options) {
  return { service: plainService(sdkClient(options), mix), exposition: async () => '', close: async () => undefined };
}

async function otel(options) {
  const peer = registerOtelPeer();
  patchedCreates();
  return { service: plainService(sdkClient(options), mix), exposition: peer.exposition, close: peer.close };
}

async function ours(options) {
  const promClient = require('prom-client');
  const { service, close } = await oursService({ openai: options });
  return { service: { call: (i) => service.call(i, mix) }, exposition: () => promClient.register.metrics(), close };
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
  return { callsPerSec: (calls * 1e9) / wallNs, cpuUsPerCall: (used.user + used.system) / calls };
}

async function main() {
  const { mode, baseURL, calls = '2000', samples = '5', warmup = '1500', concurrency = '8' } = args();
  const modes = { bare, otel, ours };
  if (!modes[mode]) throw new Error(`unknown mode ${mode}`);
  // The same client options in every mode (ours forces maxRetries: 0 itself; the others get it here).
  const { service, exposition, close } = await modes[mode]({ apiKey: 'sk-bench', baseURL, maxRetries: 0 });
  const c = Number(concurrency);
  await run(service, Number(warmup), c);
  const results = [];
  for (let s = 0; s < Number(samples); s++) results.push(await measure(service, Number(calls), c));
  const text = await exposition();
  await close();
  const pick = (key) => median(results.map((r) => r[key]));
  return {
    mode,
    callsPerSec: pick('callsPerSec'),
    cpuUsPerCall: pick('cpuUsPerCall'),
    samples: results,
    totalCalls: Number(warmup) + Number(samples) * Number(calls),
    recordedCalls: mode === 'bare' ? undefined : sumOfLines(text, mode === 'otel' ? OTEL_CALL_LINE : OUR_CALL_LINE),
  };
}

runMain(main);
