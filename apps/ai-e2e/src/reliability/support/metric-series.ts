import { metricDelta, type ScrapedMetrics } from '../../support/scraped-metrics';

/** The key `metricDelta` uses for one series: `name{label="value",...}` with labels sorted. */
export function series(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`);
  return `${name}{${pairs.join(',')}}`;
}

/**
 * `metricDelta` without the samples whose change depends on timing, not on the outcome: histogram
 * buckets and sums (their `_count` stays) and the rate-limit gauges, which follow the provider's window.
 * Changes are rounded to 12 significant digits: the difference of two float cost totals carries noise.
 */
export function outcomeDelta(before: ScrapedMetrics, after: ScrapedMetrics): Record<string, number> {
  return Object.fromEntries(
    Object.entries(metricDelta(before, after))
      .filter(([key]) => !/^openai_api_\w+_(bucket|sum)\{/.test(key) && !key.startsWith('openai_api_ratelimit_'))
      .map(([key, change]) => [key, Number(change.toPrecision(12))]),
  );
}
