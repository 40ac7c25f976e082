// The OpenTelemetry peer as a NestJS team would set it up for metrics: the OpenAI instrumentation
// with a MeterProvider whose reader is the Prometheus exporter. Must run before `openai` is required.
import { AsyncLocalStorage } from 'node:async_hooks';
import { require } from './common.mjs';

/**
 * Registers the instrumentation; returns the exporter's own exposition (its HTTP handler, given the
 * little of a ServerResponse that it uses: no server is started).
 */
export function registerOtelPeer() {
  const { MeterProvider } = require('@opentelemetry/sdk-metrics');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation');
  const { OpenAIInstrumentation } = require('@opentelemetry/instrumentation-openai');
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const meterProvider = new MeterProvider({ readers: [exporter] });
  registerInstrumentations({ instrumentations: [new OpenAIInstrumentation()], meterProvider });
  const exposition = () =>
    new Promise((resolve) => {
      exporter.getMetricsRequestHandler({}, { statusCode: 0, setHeader: () => undefined, end: resolve });
    });
  return { exposition, close: () => meterProvider.shutdown() };
}

/** The `create` methods the peer patches, by request kind; throws unless every one is patched. */
export function patchedCreates() {
  const { OpenAI } = require('openai');
  const creates = {
    response: OpenAI.Responses.prototype.create,
    chat: OpenAI.Chat.Completions.prototype.create,
    embedding: OpenAI.Embeddings.prototype.create,
  };
  const unpatched = Object.keys(creates).filter((kind) => !creates[kind].__wrapped);
  if (unpatched.length > 0) throw new Error(`the OpenTelemetry instrumentation did not patch openai's ${unpatched.join(', ')} create`);
  return creates;
}

/**
 * What OpenTelemetry's NodeSDK adds for traces: an AsyncLocalStorage context manager, built the way
 * @opentelemetry/context-async-hooks builds it (not installed here). Returns it unregistered.
 */
export function alsContextManager() {
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

/** The exposition lines that count calls: the peer's operation-duration counts, our successes. */
export const OTEL_CALL_LINE = /^gen_ai_client_operation_duration_count\{/;
export const OUR_CALL_LINE = /^openai_api_requests_total\{.*status="success"/;
