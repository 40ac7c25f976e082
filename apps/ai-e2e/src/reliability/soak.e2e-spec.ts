import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Instrumented, OpenAiMetricsModule } from '@openai-monitoring/openai-metrics';
import { APIError } from 'openai';
import { register } from 'prom-client';
import { parseExposition } from '@openai-monitoring/ai-app-testing';

const WARM_UP_CALLS = 20_000;
const SOAK_CALLS = 200_000;
const BATCH = 1000;
const HEAP_GROWTH_BOUND_MB = 50;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsedAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

interface SoakRequest {
  call: number;
  attempts: number;
}

/** A provider shaped like the app's services: every 50th call is refused, every other 10th is rate limited once. */
@Injectable()
class SoakService {
  @Instrumented('soak', 'respond')
  async respond(request: SoakRequest): Promise<{ id: string; model: string; usage: { input_tokens: number; output_tokens: number } }> {
    request.attempts++;
    if (request.call % 50 === 0) throw APIError.generate(400, { error: { message: 'refused' } }, undefined, new Headers());
    if (request.call % 10 === 0 && request.attempts === 1) {
      throw APIError.generate(429, { error: { message: 'slow down' } }, undefined, new Headers({ 'retry-after-ms': '0' }));
    }
    return { id: `resp_${request.call}`, model: 'gpt-4o-mini', usage: { input_tokens: 12, output_tokens: 34 } };
  }
}

async function callMany(service: SoakService, from: number, count: number): Promise<void> {
  for (let start = from; start < from + count; start += BATCH) {
    const batch: Promise<unknown>[] = [];
    for (let call = start; call < start + BATCH; call++) batch.push(service.respond({ call, attempts: 0 }).catch(() => undefined));
    await Promise.all(batch);
  }
}

describe(`soak: ${SOAK_CALLS} decorated calls in one process`, () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [OpenAiMetricsModule.forRoot({ metricsPath: false, defaultMetrics: false, retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 } })],
      providers: [SoakService],
    }).compile();
    await moduleRef.init();
  });

  afterAll(async () => {
    await moduleRef?.close();
    register.clear();
  });

  it(`keeps heap growth under ${HEAP_GROWTH_BOUND_MB} MB and records every call once`, async () => {
    const service = moduleRef.get(SoakService);
    await callMany(service, 0, WARM_UP_CALLS);
    const baseline = heapUsedAfterGc();
    const startedAt = Date.now();

    await callMany(service, WARM_UP_CALLS, SOAK_CALLS);

    const elapsedMs = Date.now() - startedAt;
    const growthMb = (heapUsedAfterGc() - baseline) / 2 ** 20;
    const samples = parseExposition(await register.metrics());
    const total = (name: string, labels: Record<string, string> = {}) =>
      samples
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0);

    const calls = WARM_UP_CALLS + SOAK_CALLS;
    expect(total('openai_api_requests_total')).toBe(calls);
    expect(total('openai_api_requests_total', { status: 'failure' })).toBe(calls / 50);
    expect(total('openai_api_errors_total', { error_type: 'bad_request' })).toBe(calls / 50);
    expect(total('openai_api_retries_total', { error_type: 'rate_limit' })).toBe(calls / 10 - calls / 50);
    expect(total('openai_api_tokens_total', { type: 'output' })).toBe((calls - calls / 50) * 34);
    expect(total('openai_api_in_flight')).toBe(0);
    expect(growthMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
    console.log(
      `soak: ${SOAK_CALLS} decorated calls (after ${WARM_UP_CALLS} warm-up) in ${(elapsedMs / 1000).toFixed(1)} s, ` +
        `${total('openai_api_retries_total')} retries in all; heap growth after GC ${growthMb.toFixed(2)} MB (bound ${HEAP_GROWTH_BOUND_MB} MB)`,
    );
  }, 120_000);
});
