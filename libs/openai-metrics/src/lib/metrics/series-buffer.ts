import type { Counter, Gauge, LabelValues } from 'prom-client';

type Labels = LabelValues<string>;

/** One label set whose pending change has not reached prom-client yet. */
export interface BufferedSeries {
  readonly labels: Labels;
  pending: number;
  dirty: boolean;
  /** prom-client's entry for this label set and its key, once a public `inc`/`set` has made them. */
  entry: MetricEntry | undefined;
  hash: string | undefined;
}

/** What prom-client 15 keeps per label set of a counter or gauge (not part of its typings). */
interface MetricEntry {
  value: number;
  labels?: unknown;
}

interface MetricInternals {
  hashMap?: Record<string, MetricEntry | undefined>;
}

/**
 * Decorated calls add to plain numbers; the metric's `collect()` hook, which prom-client runs
 * before every read (`register.metrics()`, `metric.get()`), hands the changes to prom-client.
 * This keeps label hashing off the hot path: a busy series costs one `inc` per scrape, not per call.
 */
export class SeriesBuffer {
  private dirtySeries: BufferedSeries[] = [];
  /** Told about a failure while handing values to prom-client; the scrape goes on without them. */
  onError: (error: unknown) => void = () => undefined;
  /** Runs before each flush, for values that are only worked out when read (rate-limit headers). */
  beforeFlush: (() => void) | undefined = undefined;

  /** A new series of this metric; callers keep it, so that recording never looks labels up. */
  series(labels: Labels): BufferedSeries {
    return { labels, pending: 0, dirty: false, entry: undefined, hash: undefined };
  }

  /** Exports the series at its current value (0 for a new one) from the next read on. */
  touch(series: BufferedSeries): void {
    this.markDirty(series);
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

  /**
   * The first flush of a series goes through `counter.inc`, which validates and hashes its labels;
   * prom-client returns the hash, and the entry it created is remembered. Later flushes add to that
   * entry directly, as `inc` would, as long as it is still the counter's entry for that hash (a
   * `reset()` or `remove()` replaces or drops it, and the series goes through `inc` again). Anything
   * unexpected (another prom-client layout, a non-finite amount) takes the `inc` path, unchanged.
   */
  flushCounter(counter: Counter<string>): void {
    this.beforeFlush?.();
    const map = (counter as unknown as MetricInternals).hashMap;
    for (const series of this.takeDirty()) {
      const amount = series.pending;
      series.pending = 0;
      const entry = series.entry;
      if (entry !== undefined && map !== undefined && Number.isFinite(amount) && map[series.hash as string] === entry) {
        entry.value += amount;
      } else {
        const result = counter.inc(series.labels, amount) as unknown as { labelHash?: unknown } | undefined;
        const hash = result?.labelHash;
        const created = typeof hash === 'string' && map !== undefined ? map[hash] : undefined;
        series.hash = typeof hash === 'string' ? hash : undefined;
        series.entry = created !== undefined && typeof created.value === 'number' ? created : undefined;
      }
    }
  }

  /**
   * Same idea for gauges: `gauge.set` replaces the label set's entry with `{ value, labels }` under
   * a key made of the sorted label names and values. After a public `set`, the entry under that key
   * is remembered if it is the one just made (same labels object, same value); later flushes write
   * the value into it, as long as it is still the gauge's entry. Otherwise `set` runs, unchanged.
   */
  flushGauge(gauge: Gauge<string>): void {
    this.beforeFlush?.();
    const map = (gauge as unknown as MetricInternals).hashMap;
    for (const series of this.takeDirty()) {
      const value = series.pending;
      const entry = series.entry;
      if (entry !== undefined && map !== undefined && map[series.hash as string] === entry) {
        entry.value = value;
      } else {
        gauge.set(series.labels, value);
        series.hash ??= labelKey(series.labels);
        const created = map?.[series.hash];
        series.entry = created !== undefined && created.labels === series.labels && created.value === value ? created : undefined;
      }
    }
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

/** The key prom-client 15 files a label set under (gauges, histograms); a mismatch only disables the fast path. */
export function labelKey(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) {
    const value = labels[name];
    if (value !== undefined) key += `${name}:${value},`;
  }
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
