import { type ExposedSample as Sample, parseExposition, sumSamples } from '@openai-monitoring/ai-app-testing';
import request from 'supertest';

/** What `/metrics` of a running app says, with helpers to sum matching samples. */
export class ScrapedMetrics {
  constructor(readonly samples: Sample[], readonly text: string) {}

  static async of(url: string, token?: string): Promise<ScrapedMetrics> {
    const call = request(url).get('/metrics');
    if (token) call.set('Authorization', `Bearer ${token}`);
    const response = await call.expect(200);
    return new ScrapedMetrics(parseExposition(response.text), response.text);
  }

  value(name: string, labels: Record<string, string> = {}): number {
    return sumSamples(this.samples, name, labels);
  }
}

/** The change of every sample between two scrapes, keyed `name{labels}`; zero changes omitted. */
export function metricDelta(before: ScrapedMetrics, after: ScrapedMetrics, prefix = 'openai_api_'): Record<string, number> {
  const key = (s: Sample) =>
    `${s.name}{${Object.entries(s.labels)
      .filter(([k]) => k !== 'le')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v}"`)
      .join(',')}${s.labels['le'] ? `,le="${s.labels['le']}"` : ''}}`;
  const previous = new Map(before.samples.map((s) => [key(s), s.value]));
  const delta: Record<string, number> = {};
  for (const sample of after.samples) {
    if (!sample.name.startsWith(prefix)) continue;
    const change = sample.value - (previous.get(key(sample)) ?? 0);
    if (change !== 0) delta[key(sample)] = change;
  }
  return delta;
}
