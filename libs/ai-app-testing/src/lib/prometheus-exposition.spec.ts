import { parseExposition, sumSamples } from './prometheus-exposition';

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

  it('refuses lines it cannot read', () => {
    expect(() => parseExposition('not a sample line!')).toThrow(/unparsable/);
  });
});
