import { parse, stringify } from 'yaml';
import type { PrometheusConfig } from '../prometheus-config';

/** The scrape, rule evaluation and deduplication interval of the compose suite (15s in the committed files). */
export const TEST_INTERVAL = '1s';

/** A committed Prometheus config with every interval set to TEST_INTERVAL, nothing else changed. */
export function withTestIntervals(text: string): string {
  const config = parse(text) as PrometheusConfig;
  const intervals = { scrape_interval: TEST_INTERVAL, scrape_timeout: TEST_INTERVAL, evaluation_interval: TEST_INTERVAL };
  config.global = { ...config.global, ...intervals };
  for (const job of config.scrape_configs) {
    for (const key of ['scrape_interval', 'scrape_timeout']) if (key in job) job[key] = TEST_INTERVAL;
  }
  return stringify(config);
}

/**
 * VictoriaMetrics' compose command with deduplication at TEST_INTERVAL, and the newest samples visible to queries
 * after 1 s instead of the default 30 s.
 */
export function victoriaMetricsTestArgs(args: string[]): string[] {
  return [
    ...args.map((arg) => arg.replace(/^(-+dedup\.minScrapeInterval=).*/, `$1${TEST_INTERVAL}`)),
    '-search.latencyOffset=1s',
  ];
}
