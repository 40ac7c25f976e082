import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { APIConnectionTimeoutError } from 'openai/core/error';
import { apiError } from '../../../test/support/openai-errors';
import { histogram, metricValue } from '../../../test/support/metric-values';
import { closeAndClear, metricsTestingModule } from '../../../test/support/metrics-testing-module';
import { Instrumented } from './instrumented.decorator';

const usage = { input_tokens: 100, output_tokens: 20, input_tokens_details: { cached_tokens: 40 }, output_tokens_details: { reasoning_tokens: 5 } };

@Injectable()
class FlakyService {
  attempts = 0;
  failures: unknown[] = [];
  gate: Promise<void> = Promise.resolve();

  @Instrumented('testing', 'flaky')
  async run(model = 'gpt-4o-mini'): Promise<{ model: string; usage: typeof usage }> {
    this.attempts++;
    await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
    return { model, usage };
  }

  @Instrumented('testing', 'sync')
  throwsBeforeItsPromise(): Promise<{ ok: true }> {
    this.attempts++;
    const failure = this.failures.shift();
    if (failure) throw failure;
    return Promise.resolve({ ok: true });
  }
}

describe('InstrumentedOperation with an active module', () => {
  let moduleRef: TestingModule;
  let service: FlakyService;
  const labels = { capability: 'testing', operation: 'flaky' };

  async function start(options: Parameters<typeof metricsTestingModule>[0] = {}) {
    moduleRef = await metricsTestingModule(options, [FlakyService]);
    service = moduleRef.get(FlakyService);
  }

  afterEach(() => closeAndClear(moduleRef));

  it('records one success with duration and tokens under the model', async () => {
    await start();
    await expect(service.run()).resolves.toMatchObject({ model: 'gpt-4o-mini' });
    expect(await metricValue('openai_api_requests_total', { ...labels, status: 'success' })).toBe(1);
    expect(await metricValue('openai_api_requests_total', { ...labels, status: 'failure' })).toBe(0);
    expect((await histogram('openai_api_request_duration_ms', { ...labels, status: 'success' })).count).toBe(1);
    const tokens = { ...labels, model: 'gpt-4o-mini' };
    expect(await metricValue('openai_api_tokens_total', { ...tokens, type: 'input' })).toBe(100);
    expect(await metricValue('openai_api_tokens_total', { ...tokens, type: 'output' })).toBe(20);
    expect(await metricValue('openai_api_token_details_total', { ...tokens, type: 'cached_input' })).toBe(40);
    expect(await metricValue('openai_api_token_details_total', { ...tokens, type: 'reasoning' })).toBe(5);
    expect(await metricValue('openai_api_cost_usd_total', tokens)).toBeCloseTo((60 * 0.15 + 40 * 0.075 + 20 * 0.6) / 1e6, 12);
    expect(await metricValue('openai_api_in_flight', labels)).toBe(0);
  });

  it('retries transient failures and still records exactly one success, timed across the waits', async () => {
    await start({ retry: { maxAttempts: 3, baseDelayMs: 40, maxDelayMs: 40 } });
    service.failures = [apiError(503), apiError(429, { 'retry-after-ms': '40' })];
    await service.run();
    expect(service.attempts).toBe(3);
    expect(await metricValue('openai_api_requests_total', labels)).toBe(1);
    expect(await metricValue('openai_api_retries_total', { ...labels, error_type: 'server_error' })).toBe(1);
    expect(await metricValue('openai_api_retries_total', { ...labels, error_type: 'rate_limit' })).toBe(1);
    const duration = await histogram('openai_api_request_duration_ms', { ...labels, status: 'success' });
    expect(duration.count).toBe(1);
    // Backoff jitter shortens a 40 ms wait to no less than 30 ms; retry-after-ms is exact.
    expect(duration.sum).toBeGreaterThanOrEqual(70);
    expect(await metricValue('openai_api_errors_total', labels)).toBe(0);
  });

  it('records one failure, no duration and no tokens when retries run out, and rethrows the last error', async () => {
    await start({ retry: { maxAttempts: 3 } });
    const last = apiError(502);
    service.failures = [apiError(500), new APIConnectionTimeoutError(), last];
    await expect(service.run()).rejects.toBe(last);
    expect(service.attempts).toBe(3);
    expect(await metricValue('openai_api_requests_total', { ...labels, status: 'failure' })).toBe(1);
    expect(await metricValue('openai_api_requests_total', { ...labels, status: 'success' })).toBe(0);
    expect((await histogram('openai_api_request_duration_ms', labels)).count).toBe(0);
    expect(await metricValue('openai_api_tokens_total', labels)).toBe(0);
    expect(await metricValue('openai_api_errors_total', { ...labels, error_type: 'server_error' })).toBe(1);
    expect(await metricValue('openai_api_retries_total', { ...labels, error_type: 'server_error' })).toBe(1);
    expect(await metricValue('openai_api_retries_total', { ...labels, error_type: 'timeout' })).toBe(1);
    expect(await metricValue('openai_api_in_flight', labels)).toBe(0);
  });

  it('does not retry a client error', async () => {
    await start();
    const badRequest = apiError(400);
    service.failures = [badRequest];
    await expect(service.run()).rejects.toBe(badRequest);
    expect(service.attempts).toBe(1);
    expect(await metricValue('openai_api_errors_total', { ...labels, error_type: 'bad_request' })).toBe(1);
    expect(await metricValue('openai_api_retries_total', labels)).toBe(0);
  });

  it('observes failures in the histogram only when recordFailureDuration is on', async () => {
    await start({ recordFailureDuration: true });
    service.failures = [apiError(401)];
    await expect(service.run()).rejects.toThrow();
    expect((await histogram('openai_api_request_duration_ms', { ...labels, status: 'failure' })).count).toBe(1);
  });

  it('retries a method that throws before returning its promise', async () => {
    await start();
    service.failures = [apiError(500)];
    await expect(service.throwsBeforeItsPromise()).resolves.toEqual({ ok: true });
    expect(service.attempts).toBe(2);
    expect(await metricValue('openai_api_requests_total', { capability: 'testing', operation: 'sync', status: 'success' })).toBe(1);
  });

  it('folds unknown models into "other" and records no cost for them', async () => {
    await start();
    await service.run('some-unknown-model');
    expect(await metricValue('openai_api_tokens_total', { ...labels, model: 'other', type: 'input' })).toBe(100);
    expect(await metricValue('openai_api_cost_usd_total', labels)).toBe(0);
  });

  it('keeps models listed in `models` and prices from `pricing`', async () => {
    await start({ models: ['listed-model'], pricing: { 'priced-model': { input: 1, output: 2 } } });
    await service.run('listed-model');
    await service.run('priced-model');
    expect(await metricValue('openai_api_tokens_total', { ...labels, model: 'listed-model', type: 'input' })).toBe(100);
    expect(await metricValue('openai_api_cost_usd_total', { ...labels, model: 'listed-model' })).toBe(0);
    expect(await metricValue('openai_api_cost_usd_total', { ...labels, model: 'priced-model' })).toBeCloseTo((100 + 40) / 1e6, 12);
  });

  it('still retries but records nothing when disabled', async () => {
    await start({ enabled: false });
    service.failures = [apiError(500)];
    await service.run();
    expect(service.attempts).toBe(2);
    expect(await metricValue('openai_api_requests_total')).toBe(0);
    expect(await metricValue('openai_api_retries_total')).toBe(0);
  });

  it('counts operations in flight while they run', async () => {
    await start();
    let release!: () => void;
    service.gate = new Promise<void>((resolve) => (release = resolve));
    const pending = Promise.all([service.run(), service.run()]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await metricValue('openai_api_in_flight', labels)).toBe(2);
    release();
    await pending;
    expect(await metricValue('openai_api_requests_total', { ...labels, status: 'success' })).toBe(2);
    expect(await metricValue('openai_api_in_flight', labels)).toBe(0);
  });
});
