import { Logger } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { register } from 'prom-client';
import { apiError } from '../../../test/support/openai-errors';
import { histogram, metricValue } from '../../../test/support/metric-values';
import { closeAndClear, metricsTestingModule } from '../../../test/support/metrics-testing-module';
import { OpenAiMetricsRecorder } from './openai-metrics.recorder';

const tokens = (input: number, output: number) => ({ input, output, cachedInput: 0, reasoning: 0 });

describe('OpenAiMetricsRecorder', () => {
  let moduleRef: TestingModule;
  let recorder: OpenAiMetricsRecorder;

  async function start(options: Parameters<typeof metricsTestingModule>[0] = {}) {
    moduleRef = await metricsTestingModule(options);
    recorder = moduleRef.get(OpenAiMetricsRecorder);
  }

  afterEach(() => closeAndClear(moduleRef));

  it('records the seed metrics of a success exactly', async () => {
    await start();
    recorder.recordSuccess({
      capability: 'summaries',
      operation: 'summarize',
      durationMs: 1800,
      calls: [{ model: 'gpt-4o-mini', usage: tokens(120, 30) }],
    });
    const labels = { capability: 'summaries', operation: 'summarize' };
    expect(await metricValue('openai_api_requests_total', { ...labels, status: 'success' })).toBe(1);
    expect(await histogram('openai_api_request_duration_ms', { ...labels, status: 'success' })).toEqual({ count: 1, sum: 1800 });
    expect(await metricValue('openai_api_tokens_total', { ...labels, type: 'input', model: 'gpt-4o-mini' })).toBe(120);
    expect(await metricValue('openai_api_tokens_total', { ...labels, type: 'output', model: 'gpt-4o-mini' })).toBe(30);
    expect(await metricValue('openai_api_in_flight', labels)).toBe(0);
  });

  it('adds the usage of several calls, each under its own model', async () => {
    await start();
    recorder.recordSuccess({
      capability: 'summaries',
      operation: 'summarize',
      durationMs: 10,
      calls: [
        { model: 'gpt-4o-mini', usage: tokens(10, 1) },
        { model: 'gpt-4o', usage: tokens(20, 2) },
        { model: 'gpt-4o-mini', usage: tokens(30, 3) },
      ],
    });
    expect(await metricValue('openai_api_tokens_total', { type: 'input', model: 'gpt-4o-mini' })).toBe(40);
    expect(await metricValue('openai_api_tokens_total', { type: 'input', model: 'gpt-4o' })).toBe(20);
  });

  it('records a failure as the counter and its error type only', async () => {
    await start();
    recorder.recordFailure({ capability: 'summaries', operation: 'summarize', durationMs: 5000, error: apiError(429) });
    expect(await metricValue('openai_api_requests_total', { status: 'failure' })).toBe(1);
    expect(await metricValue('openai_api_errors_total', { error_type: 'rate_limit' })).toBe(1);
    expect((await histogram('openai_api_request_duration_ms')).count).toBe(0);
    expect(await metricValue('openai_api_tokens_total')).toBe(0);
  });

  it('uses the seed buckets by default and custom ones when asked', async () => {
    await start();
    recorder.recordSuccess({ capability: 'a', operation: 'b', durationMs: 2200, calls: [] });
    const text = await register.metrics();
    expect(text).toContain('openai_api_request_duration_ms_bucket{le="2000",capability="a",operation="b",status="success"} 0');
    expect(text).toContain('openai_api_request_duration_ms_bucket{le="2500",capability="a",operation="b",status="success"} 1');
    const seedBuckets = [1000, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000].map((le) => `le="${le}"`);
    for (const bucket of seedBuckets) expect(text).toContain(bucket);
    await closeAndClear(moduleRef);

    await start({ durationBuckets: [100, 200] });
    recorder.recordSuccess({ capability: 'a', operation: 'b', durationMs: 150, calls: [] });
    const custom = await register.metrics();
    expect(custom).toContain('openai_api_request_duration_ms_bucket{le="200",capability="a",operation="b",status="success"} 1');
    expect(custom).not.toContain('le="15000"');
  });

  it('labels rate limits by type and model only', async () => {
    await start();
    recorder.recordRateLimits('gpt-4o-mini', {
      requests: { limit: 500, remaining: 499, resetSeconds: 0.12 },
      tokens: { limit: 200000, remaining: 199000, resetSeconds: 360 },
    });
    expect(await metricValue('openai_api_ratelimit_remaining', { type: 'requests', model: 'gpt-4o-mini' })).toBe(499);
    expect(await metricValue('openai_api_ratelimit_limit', { type: 'tokens', model: 'gpt-4o-mini' })).toBe(200000);
    expect(await metricValue('openai_api_ratelimit_reset_seconds', { type: 'tokens', model: 'gpt-4o-mini' })).toBe(360);
    const text = await register.metrics();
    expect(text).toContain('openai_api_ratelimit_remaining{type="requests",model="gpt-4o-mini"} 499');
  });

  it('warns once per unpriced model, and at most 100 times in all', async () => {
    await start({ models: ['unpriced-model'] });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const call = (model: string) =>
      recorder.recordSuccess({ capability: 'a', operation: 'b', durationMs: 1, calls: [{ model, usage: tokens(1, 1) }] });
    call('unpriced-model');
    call('unpriced-model');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('unpriced-model');
    for (let i = 0; i < 300; i++) call(`unknown-${i}`);
    expect(warn).toHaveBeenCalledTimes(100);
    expect(await metricValue('openai_api_cost_usd_total')).toBe(0);
    warn.mockRestore();
  });
});
