import { Counter, Gauge, Registry } from 'prom-client';
import { bufferOf, SeriesBuffer } from './series-buffer';

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

  it('returns the same series for the same labels in any order', () => {
    const buffer = new SeriesBuffer();
    expect(buffer.series({ a: '1', b: '2' })).toBe(buffer.series({ b: '2', a: '1' }));
    expect(buffer.series({ a: '1', b: '2' })).not.toBe(buffer.series({ a: '1', b: '3' }));
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

  it('keeps one buffer per metric instance', () => {
    const registry = new Registry();
    const counter = bufferedCounter(registry);
    expect(bufferOf(counter)).toBe(bufferOf(counter));
    expect(bufferOf(counter)).not.toBe(bufferOf(new Counter({ name: 'other_total', help: 'h', registers: [] })));
  });
});
