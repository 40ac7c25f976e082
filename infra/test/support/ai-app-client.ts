import { AI_APP_API_KEY, type RunningAiApp } from './ai-app-process';

export interface AiAppAnswer {
  status: number;
  body: string;
}

/** POSTs JSON to one of the app's routes with the test API key and reads the answer to its end (streams too). */
export async function postToAiApp(app: RunningAiApp, path: string, body: unknown): Promise<AiAppAnswer> {
  const response = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${AI_APP_API_KEY}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

export interface ExposedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format (enough of it for prom-client's output). */
export function parseExposition(text: string): ExposedSample[] {
  const samples: ExposedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) throw new Error(`unparsable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[name] = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The app's own /metrics, parsed. */
export async function scrapeAiApp(app: RunningAiApp): Promise<ExposedSample[]> {
  const response = await fetch(`${app.url}/metrics`);
  if (!response.ok) throw new Error(`GET ${app.url}/metrics answered ${response.status}`);
  return parseExposition(await response.text());
}

/** Sum of the samples named `name` whose labels include `labels`. */
export function sumSamples(samples: ExposedSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name)
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
