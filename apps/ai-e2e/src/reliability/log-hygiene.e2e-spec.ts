import type { SimulatedFault } from '@openai-monitoring/openai-simulator';
import { ScrapedMetrics } from '../support/scraped-metrics';
import { type AiAnswer, postJson } from '@openai-monitoring/ai-app-testing';
import { STALL_TIMEOUT_MS, useAppWithSimulator } from '../support/app-with-simulator';

// Distinctive strings: if any of them shows up in a log line, a metric or an error body, it leaked.
const PROMPT = 'zebra-quartz-prompt-7731 my card is 4111 1111 1111 1111';
const API_KEY = 'ai-key-5f1e9c0b7d2a44';
const WRONG_KEY = 'wrong-key-8c4d2e61f0';
const OPENAI_KEY = 'sk-hygiene-3b9f7a1c5e0d';
const METRICS_TOKEN = 'metrics-token-9e1f07aa';
const UPSTREAM_DETAIL = 'upstream-detail-6d2a from the provider';

const upstreamFailure = (status: number): SimulatedFault => ({
  kind: 'status',
  status,
  body: JSON.stringify({ error: { message: `${UPSTREAM_DETAIL}: could not handle "${PROMPT}"`, type: 'server_error' } }),
});

describe('log hygiene: no prompt, completion, key or upstream body in logs, metrics or error answers', () => {
  const answers: AiAnswer[] = [];
  const completions: string[] = [];
  const suite = useAppWithSimulator({
    env: {
      AI_API_KEYS: `hygiene-tenant:${API_KEY}`,
      OPENAI_API_KEY: OPENAI_KEY,
      METRICS_TOKEN,
      OPENAI_TIMEOUT_MS: STALL_TIMEOUT_MS,
      OPENAI_RETRY_BASE_DELAY_MS: '5',
      OPENAI_RETRY_MAX_DELAY_MS: '20',
    },
    resetEach: false,
  });

  beforeAll(() => driveEveryPath(), 60_000);

  const post = async (path: string, body: unknown, key = API_KEY, faults: SimulatedFault[] = []) => {
    suite.simulator.enqueueFaults(...faults);
    const answer = await postJson(suite.app.url, path, body, key);
    answers.push(answer);
    return answer;
  };
  const raw = async (body: string) => {
    const response = await fetch(`${suite.app.url}/v1/summaries`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body,
    });
    answers.push({ status: response.status, headers: response.headers, text: await response.text() });
  };

  /** Successes, retries, every kind of upstream failure, a broken stream, bad input and bad keys, all carrying the secrets. */
  async function driveEveryPath(): Promise<void> {
    const summary = JSON.parse((await post('/v1/summaries', { text: PROMPT })).text) as { summary: string; keyPoints: string[] };
    completions.push(summary.summary, ...summary.keyPoints);
    await post('/v1/classifications', { text: PROMPT, labels: [`${PROMPT} A`, `${PROMPT} B`] });
    const stream = await post('/v1/chat', { messages: [{ role: 'user', content: PROMPT }] });
    completions.push(stream.text.split('\n\n').flatMap((event) => (event.startsWith('data: {') ? [JSON.parse(event.slice(6)).delta as string] : [])).join(''));

    await post('/v1/summaries', { text: PROMPT }, API_KEY, [upstreamFailure(500)]);
    await post('/v1/summaries', { text: PROMPT }, API_KEY, [upstreamFailure(500), upstreamFailure(502), upstreamFailure(503)]);
    await post('/v1/summaries', { text: PROMPT }, API_KEY, [upstreamFailure(400)]);
    await post('/v1/summaries', { text: PROMPT }, API_KEY, [upstreamFailure(401)]);
    const limited = { ...upstreamFailure(429), headers: { 'retry-after': '2' } };
    await post('/v1/summaries', { text: PROMPT }, API_KEY, [limited, limited, limited]);
    await post('/v1/summaries', { text: PROMPT }, API_KEY, [{ kind: 'stall', ms: 5000 }, { kind: 'stall', ms: 5000 }, { kind: 'stall', ms: 5000 }]);
    await post('/v1/summaries', { text: PROMPT }, API_KEY, [{ kind: 'drop' }, { kind: 'drop' }, { kind: 'drop' }]);
    await post('/v1/summaries', { text: PROMPT }, API_KEY, [{ kind: 'invalid-json' }]);
    await post('/v1/summaries', { text: PROMPT }, API_KEY, [{ kind: 'schema-mismatch' }]);
    await post('/v1/chat', { messages: [{ role: 'user', content: PROMPT }] }, API_KEY, [{ kind: 'stream-break', afterChunks: 3 }]);

    await post('/v1/summaries', { text: PROMPT, extra: PROMPT });
    await post('/v1/summaries', { text: [PROMPT] });
    await post('/v1/chat', { messages: [{ role: PROMPT, content: PROMPT }] });
    await raw(`{"text": "${PROMPT}`);
    await raw(JSON.stringify({ text: `${PROMPT} `.repeat(2000) }));
    await post('/v1/summaries', { text: PROMPT }, WRONG_KEY);
    await post('/v1/summaries', { text: PROMPT }, OPENAI_KEY);
    await fetch(`${suite.app.url}/metrics`, { headers: { Authorization: `Bearer ${WRONG_KEY}` } });
  }

  const secrets = () => [PROMPT, 'zebra-quartz', API_KEY, WRONG_KEY, OPENAI_KEY, METRICS_TOKEN, UPSTREAM_DETAIL, 'upstream-detail', ...completions];

  it('drove every path it meant to', () => {
    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([200, 400, 401, 413, 502, 503, 504]);
    expect(completions.every((text) => text.length > 0)).toBe(true);
  });

  it('logs the failures, by type and status only', () => {
    const output = suite.app.output();
    expect(output).toContain('OpenAI operation failed (server_error, HTTP 503)');
    expect(output).toContain('OpenAI operation failed (timeout)');
    expect(output).toContain('Chat stream broke midway (connection)');
    for (const secret of secrets()) expect(output).not.toContain(secret);
  });

  it('keeps error answers free of stacks, upstream bodies and user input', () => {
    const errors = answers.filter((answer) => answer.status >= 400);
    expect(errors.length).toBeGreaterThan(10);
    for (const { text } of errors) {
      expect(text).not.toMatch(/stack|\bat \w+ \(|node_modules|simulated/i);
      for (const secret of secrets()) expect(text).not.toContain(secret);
    }
  });

  it('keeps metric labels free of user data', async () => {
    const metrics = await ScrapedMetrics.of(suite.app.url, METRICS_TOKEN);
    expect(metrics.value('openai_api_requests_total')).toBeGreaterThan(10);
    for (const secret of secrets()) expect(metrics.text).not.toContain(secret);
  });
});
