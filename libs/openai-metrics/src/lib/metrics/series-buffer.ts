import type { Counter, Gauge, LabelValues } from 'prom-client';

type Labels = LabelValues<string>;

/** One label set whose pending change has not reached prom-client yet. */
export interface BufferedSeries {
  readonly labels: Labels;
  pending: number;
  dirty: boolean;
}

/**
 * Decorated calls add to plain numbers; the metric's `collect()` hook, which prom-client runs
 * before every read (`register.metrics()`, `metric.get()`), hands the changes to prom-client.
 * This keeps label hashing off the hot path: a busy series costs one `inc` per scrape, not per call.
 */
export class SeriesBuffer {
  private readonly byKey = new Map<string, BufferedSeries>();
  private dirtySeries: BufferedSeries[] = [];

  series(labels: Labels): BufferedSeries {
    const key = seriesKey(labels);
    let found = this.byKey.get(key);
    if (!found) {
      found = { labels, pending: 0, dirty: false };
      this.byKey.set(key, found);
    }
    return found;
  }

  add(series: BufferedSeries, amount: number): void {
    if (!(amount > 0)) return;
    series.pending += amount;
    this.markDirty(series);
  }

  /** For gauges: `pending` holds the latest value. */
  set(series: BufferedSeries, value: number): void {
    series.pending = value;
    this.markDirty(series);
  }

  flushCounter(counter: Counter<string>): void {
    const dirty = this.takeDirty();
    for (const series of dirty) {
      const amount = series.pending;
      series.pending = 0;
      counter.inc(series.labels, amount);
    }
  }

  flushGauge(gauge: Gauge<string>): void {
    for (const series of this.takeDirty()) gauge.set(series.labels, series.pending);
  }

  private markDirty(series: BufferedSeries): void {
    if (series.dirty) return;
    series.dirty = true;
    this.dirtySeries.push(series);
  }

  private takeDirty(): BufferedSeries[] {
    const dirty = this.dirtySeries;
    if (dirty.length === 0) return dirty;
    this.dirtySeries = [];
    for (const series of dirty) series.dirty = false;
    return dirty;
  }
}

function seriesKey(labels: Labels): string {
  let key = '';
  for (const name of Object.keys(labels).sort()) key += `${name}\u0000${labels[name]}\u0001`;
  return key;
}

const buffers = new WeakMap<object, SeriesBuffer>();

/** The buffer that belongs to one metric instance (a re-registered metric gets a fresh one). */
export function bufferOf(metric: object): SeriesBuffer {
  let buffer = buffers.get(metric);
  if (!buffer) {
    buffer = new SeriesBuffer();
    buffers.set(metric, buffer);
  }
  return buffer;
}
