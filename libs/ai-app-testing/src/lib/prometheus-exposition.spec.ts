import { histogramQuantile, parseExposition, sumSamples } from './prometheus-exposition';

describe('parseExposition', () => {
  const text = [
    '# HELP openai_api_requests_total Operations',
    '# TYPE openai_api_requests_total counter',
    'openai_api_requests_total{capability="a",operation="b",status="success"} 3',
    'openai_api_requests_total{capability="a",operation="c",status="failure"} 1',
    'process_start_time_seconds 1700000000',
    'escaped{label="say \\"hi\\"\\n"} 2.5',
    'gauge_inf -Inf 1700000000000',
    'nodejs_eventloop_lag_mean_seconds Nan',
  ].join('\n');

  it('reads names, labels and values, skipping comments', () => {
    const samples = parseExposition(text);
    expect(samples).toHaveLength(6);
    expect(samples[4].value).toBe(-Infinity);
    expect(samples[5].value).toBeNaN();
    expect(samples[0]).toEqual({
      name: 'openai_api_requests_total',
      labels: { capability: 'a', operation: 'b', status: 'success' },
      value: 3,
    });
    expect(samples[2]).toEqual({ name: 'process_start_time_seconds', labels: {}, value: 1700000000 });
    expect(samples[3].labels['label']).toBe('say "hi"\n');
  });

  it('sums the samples whose labels include the filter', () => {
    const samples = parseExposition(text);
    expect(sumSamples(samples, 'openai_api_requests_total')).toBe(4);
    expect(sumSamples(samples, 'openai_api_requests_total', { status: 'failure' })).toBe(1);
    expect(sumSamples(samples, 'openai_api_requests_total', { capability: 'z' })).toBe(0);
  });

  it('reads OpenMetrics samples carrying an exemplar, without the exemplar', () => {
    const line = 'latency_bucket{le="1000",route="a"} 3 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 12.5 1764619250.123';
    expect(parseExposition(`${line}\n# EOF`)).toEqual([{ name: 'latency_bucket', labels: { le: '1000', route: 'a' }, value: 3 }]);
  });

  it('refuses lines it cannot read', () => {
    expect(() => parseExposition('not a sample line!')).toThrow(/unparsable/);
  });
});

describe('histogramQuantile', () => {
  // Two series of one histogram (buckets 100, 200, +Inf): 10 observations in total, summed by le.
  const samples = parseExposition(
    [
      'latency_bucket{route="a",le="100"} 2',
      'latency_bucket{route="a",le="200"} 4',
      'latency_bucket{route="a",le="+Inf"} 5',
      'latency_bucket{route="b",le="100"} 0',
      'latency_bucket{route="b",le="200"} 4',
      'latency_bucket{route="b",le="+Inf"} 5',
      'latency_count{route="a"} 5',
    ].join('\n'),
  );

  it('interpolates inside the bucket that holds the rank, summing the series by le', () => {
    // rank 5 of 10: 2 below 100, 8 below 200, so 100 + 100 * (5 - 2) / (8 - 2).
    expect(histogramQuantile(samples, 'latency', 0.5)).toBe(150);
    // rank 1 of 10 is in the first bucket, whose lower bound is 0.
    expect(histogramQuantile(samples, 'latency', 0.1)).toBe(50);
  });

  it('answers the highest finite bound when the rank falls in +Inf', () => {
    expect(histogramQuantile(samples, 'latency', 0.95)).toBe(200);
  });

  it('keeps only the series whose labels include the filter', () => {
    // route b: 0 below 100, 4 below 200: rank 2 of 5 is 100 + 100 * 2 / 4.
    expect(histogramQuantile(samples, 'latency', 0.4, { route: 'b' })).toBe(150);
  });

  it('is undefined for a histogram without observations', () => {
    expect(histogramQuantile(samples, 'latency', 0.5, { route: 'c' })).toBeUndefined();
    expect(histogramQuantile(parseExposition('latency_bucket{le="100"} 0\nlatency_bucket{le="+Inf"} 0'), 'latency', 0.5)).toBeUndefined();
  });
});
