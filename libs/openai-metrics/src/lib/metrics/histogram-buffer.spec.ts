import { Histogram, type OpenMetricsContentType, Registry } from 'prom-client';
import { histogramBufferOf } from './histogram-buffer';

const BUCKETS = [1000, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000];
const VALUES = [0, 999.5, 1000, 1000.01, 2500, 7499, 15000, 15000.5, 90000, 3];

function histograms(buckets = BUCKETS, labelNames = ['op', 'status']) {
  const registry = new Registry();
  const buffered = new Histogram({
    name: 'buffered_ms',
    help: 'h',
    labelNames,
    buckets,
    registers: [registry],
    collect(this: Histogram<string>) {
      histogramBufferOf(this).flush();
    },
  });
  const floor = new Registry();
  const plain = new Histogram({ name: 'buffered_ms', help: 'h', labelNames, buckets, registers: [floor] });
  return { registry, buffered, buffer: histogramBufferOf(buffered), floor, plain };
}

describe('HistogramBuffer', () => {
  it("renders exactly what prom-client's own observe renders: buckets at and between bounds, above every bound, sum and count", async () => {
    const { registry, buffer, floor, plain } = histograms();
    const ok = buffer.series({ op: 'a', status: 'success' });
    const failed = buffer.series({ status: 'failure', op: 'a' });
    for (const value of VALUES) {
      buffer.observe(ok, value);
      plain.observe({ op: 'a', status: 'success' }, value);
    }
    buffer.observe(failed, 4200);
    plain.observe({ status: 'failure', op: 'a' }, 4200);
    expect(await registry.metrics()).toBe(await floor.metrics());
    buffer.observe(ok, 1999);
    plain.observe({ op: 'a', status: 'success' }, 1999);
    expect(await registry.metrics()).toBe(await floor.metrics());
    expect(await registry.metrics()).toBe(await floor.metrics());
  });

  it('uses the bounds of the histogram it buffers', async () => {
    const { registry, buffer, floor, plain } = histograms([0.5, 5, 50], ['op']);
    const series = buffer.series({ op: 'a' });
    for (const value of [0.1, 0.5, 4, 49, 51]) {
      buffer.observe(series, value);
      plain.observe({ op: 'a' }, value);
    }
    const text = await registry.metrics();
    expect(text).toBe(await floor.metrics());
    expect(text).toContain('buffered_ms_bucket{le="5",op="a"} 3');
  });

  it("stays exact when prom-client's own operations touch the histogram between flushes", async () => {
    const { registry, buffered, buffer } = histograms();
    const series = buffer.series({ op: 'a', status: 'success' });
    buffer.observe(series, 1500);
    await registry.metrics();
    buffered.observe({ op: 'a', status: 'success' }, 3500);
    buffer.observe(series, 500);
    let text = await registry.metrics();
    expect(text).toContain('buffered_ms_count{op="a",status="success"} 3');
    expect(text).toContain('buffered_ms_sum{op="a",status="success"} 5500');
    buffered.reset();
    buffer.observe(series, 20000);
    text = await registry.metrics();
    expect(text).toContain('buffered_ms_count{op="a",status="success"} 1');
    expect(text).toContain('buffered_ms_bucket{le="15000",op="a",status="success"} 0');
    buffered.remove({ op: 'a', status: 'success' });
    expect(await registry.metrics()).not.toContain('buffered_ms_count{');
    buffer.observe(series, 1000);
    expect(await registry.metrics()).toContain('buffered_ms_bucket{le="1000",op="a",status="success"} 1');
  });

  it("takes the fast path on the prom-client we pin: after the first flush, observations go into prom-client's own entry", async () => {
    const { registry, buffered, buffer } = histograms();
    const series = buffer.series({ op: 'fast', status: 'success' });
    buffer.observe(series, 1);
    await registry.metrics();
    // If a prom-client upgrade changes its internal layout, this fails instead of silently slowing calls.
    expect(series.entry).toBeDefined();
    const entry = series.entry;
    const zero = jest.spyOn(buffered, 'zero');
    const observe = jest.spyOn(buffered, 'observe');
    buffer.observe(series, 2);
    expect(await registry.metrics()).toContain('buffered_ms_count{op="fast",status="success"} 2');
    expect(zero).not.toHaveBeenCalled();
    expect(observe).not.toHaveBeenCalled();
    expect(series.entry).toBe(entry);
  });

  it('hands observations with exemplar labels to prom-client at once, exemplar included', async () => {
    const registry = new Registry<OpenMetricsContentType>();
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const histogram = new Histogram({
      name: 'exemplar_ms',
      help: 'h',
      labelNames: ['op'],
      buckets: BUCKETS,
      enableExemplars: true,
      registers: [registry],
      collect(this: Histogram<string>) {
        histogramBufferOf(this).flush();
      },
    });
    const buffer = histogramBufferOf(histogram);
    const series = buffer.series({ op: 'a' });
    buffer.observe(series, 1200);
    buffer.observe(series, 1300, { trace_id: 'abc' });
    const text = await registry.metrics();
    expect(text).toMatch(/exemplar_ms_bucket\{le="2000",op="a"\} 2 # \{trace_id="abc"\} 1300/);
    expect(text).toContain('exemplar_ms_count{op="a"} 2');
  });

  it('refuses a value that is not a finite number, as prom-client does', () => {
    const { buffer } = histograms();
    const series = buffer.series({ op: 'a', status: 'success' });
    expect(() => buffer.observe(series, Number.NaN)).toThrow(TypeError);
    expect(() => buffer.observe(series, Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(series.count).toBe(0);
  });

  it('reports a histogram whose label names do not fit, without giving it a series', async () => {
    const { registry, buffer } = histograms(BUCKETS, ['elsewhere']);
    const errors: unknown[] = [];
    buffer.onError = (error) => errors.push(error);
    buffer.observe(buffer.series({ op: 'a', status: 'success' }), 1200);
    const text = await registry.metrics();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('do not match');
    expect(text).not.toContain('buffered_ms_count');
  });

  it('keeps one buffer per histogram instance', () => {
    const { buffered, plain } = histograms();
    expect(histogramBufferOf(buffered)).toBe(histogramBufferOf(buffered));
    expect(histogramBufferOf(buffered)).not.toBe(histogramBufferOf(plain));
  });
});
