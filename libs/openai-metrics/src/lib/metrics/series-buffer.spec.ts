import { Counter, Gauge, Registry } from 'prom-client';
import { bufferOf } from './series-buffer';

describe('SeriesBuffer', () => {
  function bufferedCounter(registry: Registry) {
    return new Counter({
      name: 'buffered_total',
      help: 'h',
      labelNames: ['a'],
      registers: [registry],
      collect(this: Counter<string>) {
        bufferOf(this).flushCounter(this);
      },
    });
  }

  it('hands pending increments to prom-client on every read, once', async () => {
    const registry = new Registry();
    const counter = bufferedCounter(registry);
    const buffer = bufferOf(counter);
    const series = buffer.series({ a: 'x' });
    buffer.add(series, 2);
    buffer.add(series, 3);
    expect(await registry.metrics()).toContain('buffered_total{a="x"} 5');
    expect(await registry.metrics()).toContain('buffered_total{a="x"} 5');
    buffer.add(series, 1);
    expect(await registry.metrics()).toContain('buffered_total{a="x"} 6');
  });

  it("stays exact when prom-client's own operations touch the counter between flushes", async () => {
    const registry = new Registry();
    const counter = bufferedCounter(registry);
    const buffer = bufferOf(counter);
    const x = buffer.series({ a: 'x' });
    const y = buffer.series({ a: 'y' });
    buffer.add(x, 2);
    buffer.add(y, 1);
    expect(await registry.metrics()).toContain('buffered_total{a="x"} 2');
    counter.inc({ a: 'x' }, 10);
    buffer.add(x, 3);
    expect(await registry.metrics()).toContain('buffered_total{a="x"} 15');
    counter.reset();
    buffer.add(x, 4);
    let text = await registry.metrics();
    expect(text).toContain('buffered_total{a="x"} 4');
    expect(text).not.toContain('buffered_total{a="y"}');
    counter.remove({ a: 'x' });
    buffer.add(x, 5);
    buffer.add(y, 6);
    text = await registry.metrics();
    expect(text).toContain('buffered_total{a="x"} 5');
    expect(text).toContain('buffered_total{a="y"} 6');
    expect((await counter.get()).values).toEqual([
      { value: 5, labels: { a: 'x' } },
      { value: 6, labels: { a: 'y' } },
    ]);
  });

  it("takes the fast path on the prom-client we pin: after the first flush, writes go into prom-client's own entry", async () => {
    const registry = new Registry();
    const counter = bufferedCounter(registry);
    const buffer = bufferOf(counter);
    const series = buffer.series({ a: 'fast' });
    buffer.add(series, 1);
    await registry.metrics();
    // If a prom-client upgrade changes its internal layout, this fails instead of silently slowing scrapes.
    expect(series.entry).toBeDefined();
    const entry = series.entry;
    const inc = jest.spyOn(counter, 'inc');
    buffer.add(series, 2);
    expect(await registry.metrics()).toContain('buffered_total{a="fast"} 3');
    expect(inc).not.toHaveBeenCalled();
    expect(series.entry).toBe(entry);

    const gauge = new Gauge({
      name: 'fast_gauge',
      help: 'h',
      labelNames: ['a'],
      registers: [registry],
      collect(this: Gauge<string>) {
        bufferOf(this).flushGauge(this);
      },
    });
    const gaugeSeries = bufferOf(gauge).series({ a: 'fast' });
    bufferOf(gauge).set(gaugeSeries, 1);
    await registry.metrics();
    expect(gaugeSeries.entry).toBeDefined();
    const set = jest.spyOn(gauge, 'set');
    bufferOf(gauge).set(gaugeSeries, 5);
    expect(await registry.metrics()).toContain('fast_gauge{a="fast"} 5');
    expect(set).not.toHaveBeenCalled();
  });

  it('exports a touched series at 0 before anything is added to it', async () => {
    const registry = new Registry();
    const counter = bufferedCounter(registry);
    const buffer = bufferOf(counter);
    buffer.touch(buffer.series({ a: 'zero' }));
    expect(await registry.metrics()).toContain('buffered_total{a="zero"} 0');
  });

  it('ignores zero and negative additions, so no empty series appear', async () => {
    const registry = new Registry();
    const counter = bufferedCounter(registry);
    const buffer = bufferOf(counter);
    buffer.add(buffer.series({ a: 'zero' }), 0);
    buffer.add(buffer.series({ a: 'negative' }), -1);
    expect(await registry.metrics()).not.toContain('buffered_total{');
  });

  it('sets gauges to their latest value', async () => {
    const registry = new Registry();
    const gauge = new Gauge({
      name: 'buffered_gauge',
      help: 'h',
      labelNames: ['a'],
      registers: [registry],
      collect(this: Gauge<string>) {
        bufferOf(this).flushGauge(this);
      },
    });
    const buffer = bufferOf(gauge);
    const series = buffer.series({ a: 'x' });
    buffer.set(series, 4);
    buffer.set(series, 2);
    expect(await registry.metrics()).toContain('buffered_gauge{a="x"} 2');
  });

  it("stays exact when prom-client's own operations touch the gauge between flushes", async () => {
    const registry = new Registry();
    const gauge = new Gauge({
      name: 'buffered_gauge',
      help: 'h',
      labelNames: ['a', 'b'],
      registers: [registry],
      collect(this: Gauge<string>) {
        bufferOf(this).flushGauge(this);
      },
    });
    const buffer = bufferOf(gauge);
    const x = buffer.series({ b: '1', a: 'x' });
    buffer.set(x, 3);
    expect(await registry.metrics()).toContain('buffered_gauge{b="1",a="x"} 3');
    buffer.set(x, 0);
    expect(await registry.metrics()).toContain('buffered_gauge{b="1",a="x"} 0');
    gauge.set({ a: 'x', b: '1' }, 42);
    expect(await registry.metrics()).toContain('buffered_gauge{a="x",b="1"} 42');
    buffer.set(x, 7);
    expect(await registry.metrics()).toContain('buffered_gauge{b="1",a="x"} 7');
    gauge.reset();
    buffer.set(x, -2);
    expect(await registry.metrics()).toContain('buffered_gauge{b="1",a="x"} -2');
    gauge.remove({ a: 'x', b: '1' });
    expect(await registry.metrics()).not.toContain('buffered_gauge{');
    buffer.set(x, 5);
    buffer.set(x, 6);
    expect((await gauge.get()).values).toEqual([{ value: 6, labels: { b: '1', a: 'x' } }]);
  });

  it('keeps one buffer per metric instance', () => {
    const registry = new Registry();
    const counter = bufferedCounter(registry);
    expect(bufferOf(counter)).toBe(bufferOf(counter));
    expect(bufferOf(counter)).not.toBe(bufferOf(new Counter({ name: 'other_total', help: 'h', registers: [] })));
  });
});
