import { context, trace, TraceFlags } from '@opentelemetry/api';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { callerTraceContextMiddleware } from './trace-context.middleware';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const GATEWAY_SPAN = { traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', spanId: 'bbbbbbbbbbbbbbbb', traceFlags: TraceFlags.SAMPLED };

/** An app whose route answers with the span active in it, after an await (as the handlers' OpenAI calls are). */
function appAnsweringActiveSpan(before: express.RequestHandler[] = []): express.Express {
  const app = express();
  app.use(...before, callerTraceContextMiddleware());
  app.get('/span', async (_request, response) => {
    await new Promise((resolve) => setImmediate(resolve));
    response.json(trace.getSpan(context.active())?.spanContext() ?? null);
  });
  return app;
}

describe('callerTraceContextMiddleware', () => {
  afterAll(() => context.disable());

  it("runs the request in the caller's traceparent context", async () => {
    const answer = await request(appAnsweringActiveSpan()).get('/span').set('traceparent', `00-${TRACE_ID}-${SPAN_ID}-01`);
    expect(answer.body).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });
  });

  it.each([
    ['no traceparent', {}],
    ['a malformed traceparent', { traceparent: `00-${TRACE_ID}-nothex-01` }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
  ])('leaves the request without a span for %s', async (_case, headers: Record<string, string>) => {
    const answer = await request(appAnsweringActiveSpan()).get('/span').set(headers);
    expect(answer.body).toBeNull();
  });

  it('keeps a span already active for the request, as an OpenTelemetry SDK would start', async () => {
    const sdkServerSpan = (_request: Request, _response: Response, next: NextFunction) =>
      context.with(trace.setSpan(context.active(), trace.wrapSpanContext(GATEWAY_SPAN)), next);
    const answer = await request(appAnsweringActiveSpan([sdkServerSpan])).get('/span').set('traceparent', `00-${TRACE_ID}-${SPAN_ID}-01`);
    expect(answer.body).toEqual(GATEWAY_SPAN);
  });
});
