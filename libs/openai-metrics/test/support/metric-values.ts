import { register } from 'prom-client';

type Labels = Record<string, string>;

function matches(actual: Record<string, unknown>, expected: Labels): boolean {
  return Object.entries(expected).every(([name, value]) => String(actual[name]) === value);
}

async function values(name: string) {
  const metric = register.getSingleMetric(name);
  if (!metric) throw new Error(`metric ${name} is not registered`);
  return (await metric.get()).values as Array<{ labels: Record<string, unknown>; value: number; metricName?: string }>;
}

/** Sum of the samples of `name` whose labels include `labels` (0 when none). */
export async function metricValue(name: string, labels: Labels = {}): Promise<number> {
  return (await values(name)).filter((s) => s.metricName === undefined && matches(s.labels, labels)).reduce((sum, s) => sum + s.value, 0);
}

/** A histogram's `_count` and `_sum` for the series whose labels include `labels`. */
export async function histogram(name: string, labels: Labels = {}): Promise<{ count: number; sum: number }> {
  const samples = (await values(name)).filter((s) => matches(s.labels, labels));
  const pick = (suffix: string) =>
    samples.filter((s) => s.metricName === `${name}${suffix}`).reduce((sum, s) => sum + s.value, 0);
  return { count: pick('_count'), sum: pick('_sum') };
}

/** The label sets present for `name`, e.g. to count series. */
export async function seriesOf(name: string): Promise<Labels[]> {
  return (await values(name)).filter((s) => s.metricName === undefined || s.metricName.endsWith('_count')).map((s) => s.labels as Labels);
}
