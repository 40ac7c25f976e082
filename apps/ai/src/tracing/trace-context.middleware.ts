import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { NextFunction, Request, Response } from 'express';

/**
 * Runs the rest of the request (guards, handler, streamed answer) inside the caller's W3C trace context, read from
 * its `traceparent` header, so the metrics library's exemplars carry the caller's trace and span ids: the app
 * sits behind a traced gateway and makes no spans of its own (no tracer provider, no exporter).
 *
 * An app that already runs an OpenTelemetry SDK keeps it: the SDK registered its context manager and propagator
 * first (the API refuses a second registration), and when its HTTP instrumentation has started a server span
 * for the request, that span is used instead of the caller's.
 *
 * Registered after the body parser, like the tenant's request context: its stream callbacks would run outside.
 */
export function callerTraceContextMiddleware(): (request: Request, response: Response, next: NextFunction) => void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return (request, _response, next) => {
    if (trace.getSpan(context.active())) return next();
    context.with(propagation.extract(context.active(), request.headers), next);
  };
}
