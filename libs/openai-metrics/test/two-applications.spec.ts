import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { Instrumented } from '../src/lib/instrumented/instrumented.decorator';
import { recorderFor } from '../src/lib/instrumented/instrumentation-runtime';
import { OpenAiMetricsRecorder } from '../src/lib/recorder/openai-metrics.recorder';
import { metricValue } from './support/metric-values';
import { closeAndClear, metricsTestingModule } from './support/metrics-testing-module';
import { apiError } from './support/openai-errors';

@Injectable()
class FlakyOnce {
  attempts = 0;

  @Instrumented('apps', 'flaky_once')
  async run(): Promise<string> {
    this.attempts++;
    if (this.attempts === 1) throw apiError(503);
    return 'ok';
  }
}

describe('two applications in one process', () => {
  let first: TestingModule | undefined;
  let second: TestingModule | undefined;

  afterEach(async () => {
    await first?.close();
    await closeAndClear(second);
    first = second = undefined;
  });

  it('bind their providers to their own recorders, and closing one leaves the other retrying and recording', async () => {
    first = await metricsTestingModule({}, [FlakyOnce]);
    second = await metricsTestingModule({}, [FlakyOnce]);
    const mine = second.get(FlakyOnce);
    expect(recorderFor(first.get(FlakyOnce))).toBe(first.get(OpenAiMetricsRecorder));
    expect(recorderFor(mine)).toBe(second.get(OpenAiMetricsRecorder));

    await first.close();
    first = undefined;
    expect(recorderFor(mine)).toBe(second.get(OpenAiMetricsRecorder));
    await expect(mine.run()).resolves.toBe('ok');
    expect(mine.attempts).toBe(2);
    const labels = { capability: 'apps', operation: 'flaky_once' };
    expect(await metricValue('openai_api_requests_total', { ...labels, status: 'success' })).toBe(1);
    expect(await metricValue('openai_api_retries_total', { ...labels, error_type: 'server_error' })).toBe(1);
  });

  it("runs a closed application's providers once, unretried and unrecorded, without touching the other's", async () => {
    first = await metricsTestingModule({}, [FlakyOnce]);
    second = await metricsTestingModule({}, [FlakyOnce]);
    const closed = first.get(FlakyOnce);
    await first.close();
    first = undefined;
    await expect(closed.run()).rejects.toMatchObject({ status: 503 });
    expect(closed.attempts).toBe(1);
    expect(await metricValue('openai_api_requests_total', { capability: 'apps' })).toBe(0);
  });

  it('exports every decorated operation at 0 from the start', async () => {
    second = await metricsTestingModule({}, [FlakyOnce]);
    const text = await (await import('prom-client')).register.metrics();
    expect(text).toContain('openai_api_requests_total{capability="apps",operation="flaky_once",status="success"} 0');
    expect(text).toContain('openai_api_requests_total{capability="apps",operation="flaky_once",status="failure"} 0');
    expect(text).toContain('openai_api_errors_total{capability="apps",operation="flaky_once",error_type="rate_limit"} 0');
    expect(text).toContain('openai_api_retries_total{capability="apps",operation="flaky_once",error_type="timeout"} 0');
    expect(text).toContain('openai_api_in_flight{capability="apps",operation="flaky_once"} 0');
    expect(await metricValue('openai_api_instrumentation_errors_total')).toBe(0);
  });
});
