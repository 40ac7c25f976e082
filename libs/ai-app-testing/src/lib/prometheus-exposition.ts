export interface ExposedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

// name{labels} value [timestamp] [# {exemplar labels} value [timestamp]]; the value is a float, NaN or ±Inf
// (prom-client writes `Nan`). Exemplars (OpenMetrics) are skipped.
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*?)\})?\s+([-+]?(?:\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+|nan|inf))(?:\s+-?\d+)?(?:\s+# \{.*\}\s+\S+(?:\s+\S+)?)?$/i;

/** Parses the Prometheus text or OpenMetrics exposition format (as much of it as prom-client writes). */
export function parseExposition(text: string): ExposedSample[] {
  const samples: ExposedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`unparsable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[name] = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    samples.push({ name: match[1], labels, value: sampleValue(match[3]) });
  }
  return samples;
}

function sampleValue(text: string): number {
  if (/inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return /^nan$/i.test(text) ? Number.NaN : Number(text);
}

/** Sum of the samples named `name` whose labels include `labels` (0 when none). */
export function sumSamples(samples: readonly ExposedSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/**
 * `histogram_quantile(q, sum by (le) (name_bucket{labels}))` as Prometheus computes it: linear
 * interpolation inside the bucket holding the rank, 0 as the lowest bucket's lower bound, and the
 * highest finite bound when the rank falls in `+Inf`. Undefined when the histogram has no observation.
 */
export function histogramQuantile(samples: readonly ExposedSample[], name: string, q: number, labels: Record<string, string> = {}): number | undefined {
  const counts = new Map<number, number>();
  for (const sample of samples) {
    if (sample.name !== `${name}_bucket` || !Object.entries(labels).every(([key, value]) => sample.labels[key] === value)) continue;
    const le = Number(sample.labels['le'] === '+Inf' ? Infinity : sample.labels['le']);
    counts.set(le, (counts.get(le) ?? 0) + sample.value);
  }
  const buckets = [...counts.entries()].sort(([a], [b]) => a - b);
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [upperBound, count] of buckets) {
    if (count >= rank) {
      if (upperBound === Infinity || count === lowerCount) return lowerBound;
      return lowerBound + ((upperBound - lowerBound) * (rank - lowerCount)) / (count - lowerCount);
    }
    lowerBound = upperBound;
    lowerCount = count;
  }
  return lowerBound;
}
