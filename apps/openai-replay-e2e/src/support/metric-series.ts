import { parseExposition } from '@openai-monitoring/ai-app-testing';
import { register } from 'prom-client';

/** `name{a="1",b="2"}`, labels sorted, so that expected and scraped series compare as plain keys. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const sorted = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return `${name}{${sorted.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(',')}}`;
}

// Shapes of timing and price-data metrics, which no recording determines.
const NOT_JUDGED = [/_bucket$/, /_sum$/, /^openai_api_time_to_first_token_ms_count$/, /^openai_api_time_per_output_token_ms_count$/, /^openai_api_prices_/];

// A gauge at 0 is a reading (a spent rate limit); a counter at 0 is the same as no series.
const GAUGES = /^openai_api_ratelimit_/;

/** Every `openai_api_*` series the registry exposes now, as a scrape would see it. */
export async function scrapedSeries(): Promise<Record<string, number>> {
  const series: Record<string, number> = {};
  for (const sample of parseExposition(await register.metrics())) {
    if (!sample.name.startsWith('openai_api_') || NOT_JUDGED.some((pattern) => pattern.test(sample.name))) continue;
    if (sample.value === 0 && !GAUGES.test(sample.name)) continue;
    series[seriesKey(sample.name, sample.labels)] = sample.value;
  }
  return series;
}
