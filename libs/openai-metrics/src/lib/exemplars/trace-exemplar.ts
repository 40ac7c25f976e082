interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags?: number;
}

interface TraceApi {
  trace: { getActiveSpan(): { spanContext(): SpanContextLike } | undefined };
  isSpanContextValid?: (context: SpanContextLike) => boolean;
}

let api: TraceApi | null | undefined;

/** `@opentelemetry/api` is an optional peer: without it there are no exemplars, and nothing fails. */
function traceApi(): TraceApi | null {
  if (api === undefined) {
    try {
      api = require('@opentelemetry/api') as TraceApi;
    } catch {
      api = null;
    }
  }
  return api;
}

/** The active span as exemplar labels (`trace_id`, `span_id`), or undefined outside a sampled span. */
export function activeSpanExemplar(): Record<string, string> | undefined {
  const otel = traceApi();
  const context = otel?.trace.getActiveSpan()?.spanContext();
  if (!context) return undefined;
  if (otel?.isSpanContextValid && !otel.isSpanContextValid(context)) return undefined;
  return { trace_id: context.traceId, span_id: context.spanId };
}
