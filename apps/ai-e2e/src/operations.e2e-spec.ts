import request from 'supertest';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { ScrapedMetrics } from './support/scraped-metrics';
import { STALL_TIMEOUT_MS, useAppWithSimulator } from './support/app-with-simulator';

const summaries = { capability: 'summaries', operation: 'summarize' };

describe('operations on the built app against the simulator', () => {
  const suite = useAppWithSimulator({
    env: { OPENAI_MAX_ATTEMPTS: '3', OPENAI_RETRY_BASE_DELAY_MS: '150', OPENAI_RETRY_MAX_DELAY_MS: '150', OPENAI_TIMEOUT_MS: STALL_TIMEOUT_MS },
  });
  let before: ScrapedMetrics;

  beforeEach(async () => {
    before = await ScrapedMetrics.of(suite.app.url);
  });

  const post = (path: string) => request(suite.app.url).post(path).set('Authorization', `Bearer ${AI_APP_TEST_KEY}`);
  const change = async (name: string, labels: Record<string, string> = {}) =>
    (await ScrapedMetrics.of(suite.app.url)).value(name, labels) - before.value(name, labels);

  it('summarizes, and records one success with the tokens under the configured model', async () => {
    const response = await post('/v1/summaries').send({ text: 'Prometheus scrapes the ai service every fifteen seconds.' }).expect(200);
    expect(typeof response.body.summary).toBe('string');
    expect(Array.isArray(response.body.keyPoints)).toBe(true);
    expect(suite.simulator.requestCount).toBe(1);
    expect(suite.simulator.requests[0]).toMatchObject({ path: '/v1/responses', model: 'gpt-4o-mini' });
    expect(await change('openai_api_requests_total', { ...summaries, status: 'success' })).toBe(1);
    expect(await change('openai_api_request_duration_ms_count', { ...summaries, status: 'success' })).toBe(1);
    expect(await change('openai_api_tokens_total', { ...summaries, type: 'input', model: 'gpt-4o-mini' })).toBeGreaterThan(0);
    expect(await change('openai_api_tokens_total', { ...summaries, type: 'output', model: 'gpt-4o-mini' })).toBeGreaterThan(0);
    expect(await change('openai_api_cost_usd_total', { ...summaries, model: 'gpt-4o-mini' })).toBeGreaterThan(0);
  });

  it('classifies with a label constrained to the ones offered', async () => {
    const labels = ['billing', 'outage', 'feature request'];
    const response = await post('/v1/classifications').send({ text: 'The API has been down for an hour.', labels }).expect(200);
    expect(labels).toContain(response.body.label);
    expect(response.body.confidence).toBeGreaterThanOrEqual(0);
    expect(response.body.confidence).toBeLessThanOrEqual(1);
    expect(await change('openai_api_requests_total', { capability: 'classification', operation: 'classify', status: 'success' })).toBe(1);
  });

  it('counts a retried success once, with a duration that spans the retries', async () => {
    suite.simulator.enqueueFaults({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    await post('/v1/summaries').send({ text: 'retry' }).expect(200);
    expect(suite.simulator.requestCount).toBe(3);
    expect(await change('openai_api_requests_total', summaries)).toBe(1);
    expect(await change('openai_api_requests_total', { ...summaries, status: 'success' })).toBe(1);
    expect(await change('openai_api_retries_total', { ...summaries, error_type: 'server_error' })).toBe(2);
    expect(await change('openai_api_request_duration_ms_count', { ...summaries, status: 'success' })).toBe(1);
    // Two waits of 150 ms, each shortened by at most a quarter by jitter.
    expect(await change('openai_api_request_duration_ms_sum', { ...summaries, status: 'success' })).toBeGreaterThanOrEqual(225);
  });

  it('counts exhausted retries once, records no duration, and answers 502 without the upstream body', async () => {
    suite.simulator.enqueueFaults(
      { kind: 'status', status: 502, body: '{"error":{"message":"upstream secret detail"}}' },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
    );
    const response = await post('/v1/summaries').send({ text: 'fail' }).expect(502);
    expect(JSON.stringify(response.body)).not.toMatch(/secret|stack|sk-e2e/);
    expect(suite.simulator.requestCount).toBe(3);
    expect(await change('openai_api_requests_total', { ...summaries, status: 'failure' })).toBe(1);
    expect(await change('openai_api_requests_total', { ...summaries, status: 'success' })).toBe(0);
    expect(await change('openai_api_request_duration_ms_count', summaries)).toBe(0);
    expect(await change('openai_api_errors_total', { ...summaries, error_type: 'server_error' })).toBe(1);
  });

  it('does not retry a 400 from OpenAI and answers 502', async () => {
    suite.simulator.enqueueFaults({ kind: 'status', status: 400 });
    await post('/v1/summaries').send({ text: 'bad upstream request' }).expect(502);
    expect(suite.simulator.requestCount).toBe(1);
    expect(await change('openai_api_errors_total', { ...summaries, error_type: 'bad_request' })).toBe(1);
    expect(await change('openai_api_retries_total', summaries)).toBe(0);
  });

  it('answers 504 when the last attempt timed out', async () => {
    suite.simulator.enqueueFaults({ kind: 'stall', ms: 5000 }, { kind: 'stall', ms: 5000 }, { kind: 'stall', ms: 5000 });
    await post('/v1/summaries').send({ text: 'slow' }).expect(504);
    expect(suite.simulator.requestCount).toBe(3);
    expect(await change('openai_api_errors_total', { ...summaries, error_type: 'timeout' })).toBe(1);
  });

  it('answers 503 with Retry-After when rate limits outlast the retries', async () => {
    const limited = { kind: 'status' as const, status: 429, headers: { 'retry-after': '7' } };
    suite.simulator.enqueueFaults(limited, limited, limited);
    const response = await post('/v1/summaries').send({ text: 'limited' }).expect(503);
    expect(response.headers['retry-after']).toBe('7');
    expect(suite.simulator.requestCount).toBe(3);
    expect(await change('openai_api_errors_total', { ...summaries, error_type: 'rate_limit' })).toBe(1);
  });

  it('answers 502 to a body OpenAI sent that does not fit the schema, without retrying', async () => {
    suite.simulator.enqueueFaults({ kind: 'schema-mismatch' });
    await post('/v1/summaries').send({ text: 'mismatch' }).expect(502);
    expect(suite.simulator.requestCount).toBe(1);
    expect(await change('openai_api_errors_total', { ...summaries, error_type: 'invalid_response' })).toBe(1);
  });

  it('streams chat as server-sent events and records the stream as one operation', async () => {
    const response = await post('/v1/chat')
      .send({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello' }] })
      .buffer(true)
      .parse((res, callback) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => callback(null, body));
      })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/text\/event-stream/);
    const events = (response.body as string).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const deltas = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')) as { delta: string });
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((event) => typeof event.delta === 'string' && event.delta.length > 0)).toBe(true);
    const chat = { capability: 'chat', operation: 'stream' };
    expect(suite.simulator.requests[0]).toMatchObject({ path: '/v1/chat/completions', stream: true });
    expect(await change('openai_api_requests_total', { ...chat, status: 'success' })).toBe(1);
    expect(await change('openai_api_time_to_first_token_ms_count', { ...chat, model: 'gpt-4o-mini' })).toBe(1);
    expect(await change('openai_api_tokens_total', { ...chat, type: 'output' })).toBeGreaterThan(0);
  });

  it('answers a stream that fails before its first chunk with a status, like any call', async () => {
    suite.simulator.enqueueFaults({ kind: 'status', status: 401 });
    await post('/v1/chat').send({ messages: [{ role: 'user', content: 'hi' }] }).expect(502);
    expect(suite.simulator.requestCount).toBe(1);
  });
});
