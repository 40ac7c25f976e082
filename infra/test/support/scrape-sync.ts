import { type AiAppProcess, sumSamples } from '@openai-monitoring/ai-app-testing';
import { scrapeAiApp } from './ai-app-client';
import { queryPrometheus } from './prometheus-api';

export interface ScrapeSyncOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Waits until, for each metric name, `sum(name)` in Prometheus equals the sum the apps expose on /metrics right now,
 * i.e. Prometheus has scraped every app since its last change. Returns the apps' totals by metric name.
 */
export async function waitUntilPrometheusMatchesApps(
  url: string,
  apps: AiAppProcess[],
  metricNames: string[],
  { timeoutMs = 20_000, intervalMs = 200 }: ScrapeSyncOptions = {},
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let mismatch = '';
  for (;;) {
    const exposed = await Promise.all(apps.map((app) => scrapeAiApp(app)));
    const expected: Record<string, number> = {};
    const problems: string[] = [];
    for (const name of metricNames) {
      expected[name] = exposed.reduce((total, samples) => total + sumSamples(samples, name), 0);
      const { result } = await queryPrometheus(url, `sum(${name})`);
      // prom-client exports no series for a label set never incremented: absent in Prometheus means 0.
      const actual = result.length > 0 ? Number(result[0].value[1]) : 0;
      if (Math.abs(actual - expected[name]) > 1e-9 * Math.max(1, expected[name])) {
        problems.push(`${name}: Prometheus ${actual}, apps ${expected[name]}`);
      }
    }
    if (problems.length === 0) return expected;
    mismatch = problems.join('; ');
    if (Date.now() >= deadline) throw new Error(`Prometheus did not catch up with the apps in ${timeoutMs} ms: ${mismatch}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
