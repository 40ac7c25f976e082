'use strict';
// The OpenTelemetry peer as a NestJS team would set it up for metrics: the OpenAI instrumentation
// with a MeterProvider whose reader is the Prometheus exporter. Must run before `openai` is required.

/**
 * Registers the instrumentation; returns the exporter's own exposition (its HTTP handler, given the
 * little of a ServerResponse that it uses: no server is started) and the instrumentation itself.
 */
function registerOtelPeer() {
  const { MeterProvider } = require('@opentelemetry/sdk-metrics');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation');
  const { OpenAIInstrumentation } = require('@opentelemetry/instrumentation-openai');
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const meterProvider = new MeterProvider({ readers: [exporter] });
  const instrumentation = new OpenAIInstrumentation();
  registerInstrumentations({ instrumentations: [instrumentation], meterProvider });
  const exposition = () =>
    new Promise((resolve) => {
      const headers = {};
      exporter.getMetricsRequestHandler({}, { statusCode: 0, setHeader: (name, value) => (headers[name] = value), end: resolve });
    });
  return { instrumentation, exposition, close: () => meterProvider.shutdown() };
}

/**
 * What OpenTelemetry's NodeSDK adds for traces: an AsyncLocalStorage context manager, built the way
 * @opentelemetry/context-async-hooks builds it (not installed here). Returns it unregistered.
 */
function alsContextManager() {
  const { AsyncLocalStorage } = require('node:async_hooks');
  const api = require('@opentelemetry/api');
  const storage = new AsyncLocalStorage();
  return {
    storage,
    active: () => storage.getStore() ?? api.ROOT_CONTEXT,
    with: (ctx, fn, thisArg, ...fnArgs) => storage.run(ctx, thisArg == null ? fn : fn.bind(thisArg), ...fnArgs),
    bind: (ctx, target) => (typeof target === 'function' ? (...a) => storage.run(ctx, () => target(...a)) : target),
    enable() {
      return this;
    },
    disable() {
      storage.disable();
      return this;
    },
  };
}

/** Counts the calls an exposition says were recorded (proof that the instrumentation is live). */
function recordedCalls(text, pattern) {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (match) total += Number(match[1]);
  }
  return total;
}

const OTEL_CALLS = /^gen_ai_client_operation_duration_count\{.*\} (\d+)$/;
const OUR_CALLS = /^openai_api_requests_total\{.*status="success".*\} (\d+)$/;

module.exports = { registerOtelPeer, alsContextManager, recordedCalls, OTEL_CALLS, OUR_CALLS };
