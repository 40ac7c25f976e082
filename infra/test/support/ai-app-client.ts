import { type AiAppProcess, type ExposedSample, parseExposition } from '@openai-monitoring/ai-app-testing';

/** The app's own /metrics, parsed. */
export async function scrapeAiApp(app: AiAppProcess): Promise<ExposedSample[]> {
  const response = await fetch(`${app.url}/metrics`);
  if (!response.ok) throw new Error(`GET ${app.url}/metrics answered ${response.status}`);
  return parseExposition(await response.text());
}
