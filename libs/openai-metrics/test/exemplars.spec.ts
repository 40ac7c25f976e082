import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { register, Registry } from 'prom-client';
import { Instrumented } from '../src/lib/instrumented/instrumented.decorator';
import { closeAndClear, metricsTestingModule } from './support/metrics-testing-module';

@Injectable()
class TracedService {
  @Instrumented('traced', 'call')
  async call(): Promise<string> {
    return 'done';
  }
}

const spanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };

describe('exemplars', () => {
  let moduleRef: TestingModule | undefined;
  const manager = new AsyncLocalStorageContextManager();

  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => context.disable());
  afterEach(async () => {
    await closeAndClear(moduleRef);
    register.setContentType(Registry.PROMETHEUS_CONTENT_TYPE);
  });

  it('serves OpenMetrics with the active trace and span on the duration histogram', async () => {
    moduleRef = await metricsTestingModule({ exemplars: true }, [TracedService]);
    const service = moduleRef.get(TracedService);
    const span = trace.wrapSpanContext(spanContext);
    await context.with(trace.setSpan(context.active(), span), () => service.call());
    await service.call();
    expect(register.contentType).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
    const text = await register.metrics();
    expect(text.endsWith('# EOF\n')).toBe(true);
    const withExemplar = text
      .split('\n')
      .filter((line) => line.startsWith('openai_api_request_duration_ms_bucket') && line.includes(' # {'));
    expect(withExemplar).toHaveLength(1);
    expect(withExemplar[0]).toContain(`trace_id="${spanContext.traceId}",span_id="${spanContext.spanId}"`);
    expect(text).toContain('openai_api_requests_total{capability="traced",operation="call",status="success"} 2');
  });

  it('serves the Prometheus text format without exemplars by default', async () => {
    moduleRef = await metricsTestingModule({}, [TracedService]);
    await context.with(trace.setSpan(context.active(), trace.wrapSpanContext(spanContext)), () => moduleRef!.get(TracedService).call());
    const text = await register.metrics();
    expect(register.contentType).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
    expect(text).not.toContain('trace_id');
  });
});
