import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import fc from 'fast-check';
import { Counter, Gauge, Histogram, register } from 'prom-client';
import { OpenAiClientService } from '../src/lib/client/openai-client.service';
import { Instrumented } from '../src/lib/instrumented/instrumented.decorator';
import { renderRegistry } from '../src/lib/metrics/render-registry';
import { metricValue } from './support/metric-values';
import { closeAndClear, metricsTestingModule } from './support/metrics-testing-module';

type Outcome = { kind: 'value'; value: unknown } | { kind: 'error'; error: unknown };

@Injectable()
class HostileService {
  next: Outcome = { kind: 'value', value: undefined };

  @Instrumented('hostile', 'call')
  async call(): Promise<unknown> {
    const next = this.next;
    if (next.kind === 'error') throw next.error;
    return next.value;
  }
}

@Injectable()
class SdkCaller {
  constructor(private readonly openai: OpenAiClientService) {}

  @Instrumented('hostile', 'sdk')
  async chat(): Promise<unknown> {
    return this.openai.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  }
}

function throwingGetters(names: string[]): object {
  const target = {};
  for (const name of names) {
    Object.defineProperty(target, name, {
      enumerable: true,
      get() {
        throw new Error(`getter ${name} throws`);
      },
    });
  }
  return target;
}

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.constantFrom(Number.NaN, -1, 1e308, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER, 2 ** 60, null, undefined),
);
const details = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.record({ cached_tokens: hostileNumber, reasoning_tokens: hostileNumber, audio_tokens: hostileNumber }, { requiredKeys: [] }),
  fc.constant(throwingGetters(['cached_tokens', 'reasoning_tokens', 'audio_tokens'])),
);
const usage = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string(),
  fc.record(
    {
      input_tokens: hostileNumber,
      output_tokens: hostileNumber,
      prompt_tokens: hostileNumber,
      completion_tokens: hostileNumber,
      input_tokens_details: details,
      prompt_tokens_details: details,
      output_tokens_details: details,
      completion_tokens_details: details,
    },
    { requiredKeys: [] },
  ),
  fc.constant(throwingGetters(['input_tokens', 'output_tokens', 'prompt_tokens'])),
);
const result = fc.oneof(
  fc.record({ usage, model: fc.oneof(fc.string(), fc.constantFrom('gpt-4o-mini', 'o4-mini-2025-04-16'), fc.integer()) }, { requiredKeys: [] }),
  fc.constant(throwingGetters(['usage', 'model'])),
  fc.anything(),
);
const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  result.map((value) => ({ kind: 'value' as const, value })),
  fc.oneof(fc.anything(), fc.constant(new Error('plain')), fc.constant(Object.create(null))).map((error) => ({ kind: 'error' as const, error })),
);

/** Metrics registered elsewhere under our names with other labels: every write to them throws. */
function registerConflictingMetrics(): void {
  new Counter({ name: 'openai_api_tokens_total', help: 'elsewhere', labelNames: ['elsewhere'] });
  new Histogram({ name: 'openai_api_request_duration_ms', help: 'elsewhere', labelNames: ['elsewhere'] });
  new Gauge({ name: 'openai_api_in_flight', help: 'elsewhere', labelNames: ['elsewhere'] });
}

describe('instrumentation never breaks a call', () => {
  let moduleRef: TestingModule | undefined;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    warn.mockRestore();
    await closeAndClear(moduleRef);
    moduleRef = undefined;
  });

  it('passes every value and error through unchanged and keeps every exported sample finite', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(outcome, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean(), async (outcomes, conflicting, throwingTenant) => {
        register.clear();
        if (conflicting) registerConflictingMetrics();
        const tenant = { resolve: () => (throwingTenant ? (() => { throw new Error('no tenant'); })() : 'acme') };
        moduleRef = await metricsTestingModule({ tenant, retry: { maxAttempts: 1 } }, [HostileService]);
        const service = moduleRef.get(HostileService);
        for (const next of outcomes) {
          service.next = next;
          if (next.kind === 'value') await expect(service.call()).resolves.toBe(next.value);
          else await expect(service.call()).rejects.toBe(next.error);
        }
        const text = await renderRegistry(register, (error) => {
          throw error;
        });
        for (const line of text.split('\n')) {
          if (line === '' || line.startsWith('#')) continue;
          const value = Number(line.slice(line.lastIndexOf(' ') + 1));
          expect(Number.isFinite(value)).toBe(true);
        }
        if (conflicting || throwingTenant) expect(await metricValue('openai_api_instrumentation_errors_total')).toBeGreaterThan(0);
        await closeAndClear(moduleRef);
        moduleRef = undefined;
      }),
      { numRuns: 100 },
    );
  });

  it('logs one warning per distinct cause, however often it happens', async () => {
    registerConflictingMetrics();
    moduleRef = await metricsTestingModule({}, [HostileService]);
    const service = moduleRef.get(HostileService);
    service.next = { kind: 'value', value: { usage: { input_tokens: 3, output_tokens: 1 }, model: 'gpt-4o-mini' } };
    // Each conflicting metric refuses our samples at every scrape that has new ones for it.
    for (let i = 0; i < 20; i++) {
      await service.call();
      await register.metrics();
    }
    const causes = warn.mock.calls.map(([message]) => String(message)).filter((message) => message.startsWith('Instrumentation failed'));
    expect(new Set(causes).size).toBe(causes.length);
    expect(causes.filter((cause) => cause.includes('(register:'))).toHaveLength(3);
    // prom-client words the counter's and the gauge's refusal alike: one cause for both, one for the histogram.
    expect(causes.filter((cause) => cause.includes('(collect:'))).toHaveLength(2);
    expect(await metricValue('openai_api_instrumentation_errors_total', { stage: 'register' })).toBe(3);
    expect(await metricValue('openai_api_instrumentation_errors_total', { stage: 'collect' })).toBe(60);
    expect(await metricValue('openai_api_instrumentation_errors_total', { stage: 'outcome' })).toBe(0);
  });

  it('leaves the rest of /metrics served when a collect() hook throws', async () => {
    moduleRef = await metricsTestingModule({}, [HostileService]);
    new Gauge({
      name: 'broken_gauge',
      help: 'a collect hook that throws',
      collect() {
        throw new Error('collect failed');
      },
    });
    await expect(register.metrics()).rejects.toThrow('collect failed');
    const reported: unknown[] = [];
    const text = await renderRegistry(register, (error) => reported.push(error));
    expect(text).toContain('openai_api_requests_total{capability="hostile",operation="call",status="success"} 0');
    expect(text).not.toContain('broken_gauge');
    expect(reported).toHaveLength(1);
  });

  it('passes hostile JSON answers of a real HTTP server through the SDK unchanged', async () => {
    let body = '{}';
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining-requests': 'NaN', 'x-ratelimit-reset-requests': '1e400s' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    try {
      const jsonUsage = fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            prompt_tokens: fc.oneof(fc.jsonValue(), fc.constantFrom(-5, 1e308, 2 ** 60, 1.5)),
            completion_tokens: fc.oneof(fc.jsonValue(), fc.constantFrom(-5, 1e308, 7)),
            prompt_tokens_details: fc.jsonValue(),
            completion_tokens_details: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
      );
      const answer = fc.record({ id: fc.string(), model: fc.oneof(fc.string(), fc.jsonValue()), usage: jsonUsage, service_tier: fc.jsonValue() }, { requiredKeys: [] });
      moduleRef = await metricsTestingModule({ openai: { apiKey: 'sk-test', baseURL }, retry: { maxAttempts: 1 } }, [SdkCaller]);
      const caller = moduleRef.get(SdkCaller);
      await fc.assert(
        fc.asyncProperty(answer, async (sent) => {
          body = JSON.stringify(sent);
          const received = await caller.chat();
          expect(received).toEqual(JSON.parse(body));
          const text = await renderRegistry(register, (error) => {
            throw error;
          });
          for (const line of text.split('\n')) {
            if (line === '' || line.startsWith('#')) continue;
            expect(Number.isFinite(Number(line.slice(line.lastIndexOf(' ') + 1)))).toBe(true);
          }
        }),
        { numRuns: 100 },
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
