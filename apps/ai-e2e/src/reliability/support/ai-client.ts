import { TEST_API_KEY } from '../../support/ai-app-process';

export interface AiAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** POSTs JSON with an API key over a pooled keep-alive connection, reading the whole answer (streams included). */
export async function postJson(baseUrl: string, path: string, body: unknown, apiKey = TEST_API_KEY): Promise<AiAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Runs `task(0..total-1)` with at most `concurrency` in flight. */
export async function runPool(total: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
