import type { Histogram, LabelValues } from 'prom-client';
import { labelKey } from './series-buffer';

type Labels = LabelValues<string>;

/** One label set of a histogram, with the observations prom-client has not received yet. */
export interface BufferedObservations {
  readonly labels: Labels;
  /** Per bucket of the histogram's bounds; the last slot counts values above every bound. */
  readonly counts: number[];
  sum: number;
  count: number;
  dirty: boolean;
  /** prom-client's entry for this label set and its key, once a flush has found or made it. */
  entry: HistogramEntry | undefined;
  hash: string | undefined;
}

/** What prom-client 15 keeps per label set of a histogram (not part of its typings). */
interface HistogramEntry {
  bucketValues: Record<string, number>;
  sum: number;
  count: number;
}

interface HistogramInternals {
  hashMap?: Record<string, HistogramEntry | undefined>;
  upperBounds?: unknown;
  labelNames?: unknown;
}

/**
 * The histogram counterpart of `SeriesBuffer`: an observation adds to a bucket of plain numbers,
 * and the histogram's `collect()` hook adds them into prom-client's entry for the label set (made
 * with the public `zero()` the first time) before every read. prom-client's own `observe` validates
 * and hashes the labels and allocates on every call; this keeps all of that off the hot path.
 * Observations with exemplar labels, and histograms whose layout is not prom-client 15's, go
 * through the public `observe`, unchanged.
 */
export class HistogramBuffer {
  private dirtySeries: BufferedObservations[] = [];
  private readonly bounds: readonly number[] | undefined;
  onError: (error: unknown) => void = () => undefined;

  constructor(private readonly histogram: Histogram<string>) {
    this.bounds = boundsOf(histogram);
  }

  series(labels: Labels): BufferedObservations {
    const slots = (this.bounds?.length ?? 0) + 1;
    return { labels, counts: new Array<number>(slots).fill(0), sum: 0, count: 0, dirty: false, entry: undefined, hash: undefined };
  }

  observe(series: BufferedObservations, value: number, exemplarLabels?: Labels): void {
    const bounds = this.bounds;
    if (bounds === undefined || exemplarLabels !== undefined) {
      if (exemplarLabels === undefined) this.histogram.observe(series.labels, value);
      else this.histogram.observe({ labels: series.labels, value, exemplarLabels });
      return;
    }
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    let slot = 0;
    while (slot < bounds.length && value > bounds[slot]) slot++;
    series.counts[slot]++;
    series.sum += value;
    series.count++;
    if (!series.dirty) {
      series.dirty = true;
      this.dirtySeries.push(series);
    }
  }

  /** Adds what was observed since the last read into prom-client's entries. */
  flush(): void {
    const dirty = this.dirtySeries;
    if (dirty.length === 0) return;
    this.dirtySeries = [];
    for (const series of dirty) {
      series.dirty = false;
      try {
        this.merge(series);
      } catch (error) {
        this.onError(error);
      } finally {
        series.counts.fill(0);
        series.sum = 0;
        series.count = 0;
      }
    }
  }

  private merge(series: BufferedObservations): void {
    const bounds = this.bounds as readonly number[];
    const entry = this.entryOf(series);
    for (let slot = 0; slot < bounds.length; slot++) {
      if (series.counts[slot] > 0) entry.bucketValues[bounds[slot]] += series.counts[slot];
    }
    entry.sum += series.sum;
    entry.count += series.count;
  }

  /** The entry prom-client renders for the label set: the remembered one while it is still in the map. */
  private entryOf(series: BufferedObservations): HistogramEntry {
    const internals = this.histogram as unknown as HistogramInternals;
    const remembered = series.entry;
    if (remembered !== undefined && internals.hashMap?.[series.hash as string] === remembered) return remembered;
    assertLabelsFit(internals, series.labels);
    const hash = labelKey(series.labels);
    let entry = internals.hashMap?.[hash];
    if (entry === undefined) {
      this.histogram.zero(series.labels);
      entry = internals.hashMap?.[hash];
    }
    if (!isEntry(entry, this.bounds as readonly number[])) {
      throw new Error(`unexpected prom-client histogram layout for ${String((this.histogram as unknown as { name?: unknown }).name)}`);
    }
    series.entry = entry;
    series.hash = hash;
    return entry;
  }
}

function boundsOf(histogram: Histogram<string>): readonly number[] | undefined {
  const internals = histogram as unknown as HistogramInternals;
  const bounds = internals.upperBounds;
  if (typeof internals.hashMap !== 'object' || internals.hashMap === null || typeof histogram.zero !== 'function') return undefined;
  if (!Array.isArray(bounds) || !bounds.every((bound, i) => Number.isFinite(bound) && (i === 0 || bound > bounds[i - 1]))) return undefined;
  return [...(bounds as number[])];
}

/** `zero()` does not validate labels the way `observe` does, so a foreign histogram with other label names is refused here. */
function assertLabelsFit(internals: HistogramInternals, labels: Labels): void {
  const names = internals.labelNames;
  const keys = Object.keys(labels);
  if (!Array.isArray(names) || names.length !== keys.length || !keys.every((key) => names.includes(key))) {
    throw new Error(`labels ${keys.join(',')} do not match the histogram's label names ${Array.isArray(names) ? names.join(',') : ''}`);
  }
}

function isEntry(entry: HistogramEntry | undefined, bounds: readonly number[]): entry is HistogramEntry {
  return (
    entry !== undefined &&
    typeof entry.sum === 'number' &&
    typeof entry.count === 'number' &&
    typeof entry.bucketValues === 'object' &&
    entry.bucketValues !== null &&
    bounds.every((bound) => typeof entry.bucketValues[bound] === 'number')
  );
}

const buffers = new WeakMap<object, HistogramBuffer>();

/** The buffer that belongs to one histogram instance. */
export function histogramBufferOf(histogram: Histogram<string>): HistogramBuffer {
  let buffer = buffers.get(histogram);
  if (!buffer) {
    buffer = new HistogramBuffer(histogram);
    buffers.set(histogram, buffer);
  }
  return buffer;
}
