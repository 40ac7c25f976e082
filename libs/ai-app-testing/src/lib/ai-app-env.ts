/** The API key the app accepts when started with `aiAppEnv()`. */
export const AI_APP_TEST_KEY = 'test-key';

/** Environment for the built ai app talking to an OpenAI-compatible server (the simulator) at `openaiBaseURL`. */
export function aiAppEnv(openaiBaseURL: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-test-secret-key',
    OPENAI_BASE_URL: openaiBaseURL,
    // The simulator stands in for OpenAI: price its answers with OpenAI's prices.
    OPENAI_PRICE_PROVIDER: 'openai',
    AI_API_KEYS: AI_APP_TEST_KEY,
    OPENAI_RETRY_BASE_DELAY_MS: '20',
    OPENAI_RETRY_MAX_DELAY_MS: '100',
    OPENAI_TIMEOUT_MS: '2000',
    THROTTLE_LIMIT: '1000000',
    ...overrides,
  };
}
