import { AI_APP_TEST_KEY } from './ai-app-env';

export interface AiAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** POSTs JSON with an API key (and any extra `headers`) and reads the whole answer (streams included). */
export async function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  apiKey = AI_APP_TEST_KEY,
  headers: Record<string, string> = {},
): Promise<AiAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { ...headers, Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
