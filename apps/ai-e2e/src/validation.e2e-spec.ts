import request from 'supertest';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { ScrapedMetrics } from './support/scraped-metrics';
import { useAppWithSimulator } from './support/app-with-simulator';

describe('request validation on the built app', () => {
  const suite = useAppWithSimulator({ noUpstreamCalls: true });

  const post = (path: string) => request(suite.app.url).post(path).set('Authorization', `Bearer ${AI_APP_TEST_KEY}`);

  it.each([
    ['/v1/summaries', {}, /text/],
    ['/v1/summaries', { text: 42 }, /text: text must be a string/],
    ['/v1/summaries', { text: '' }, /text: text must not be empty/],
    ['/v1/summaries', { text: 'x'.repeat(20001) }, /at most 20000/],
    ['/v1/summaries', { text: 'ok', extra: true }, /extra/],
    ['/v1/classifications', { text: 'ok' }, /labels/],
    ['/v1/classifications', { text: 'ok', labels: ['one'] }, /at least 2/],
    ['/v1/classifications', { text: 'ok', labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }, /at most 20/],
    ['/v1/classifications', { text: 'ok', labels: ['a', 7] }, /labels\.1/],
    ['/v1/classifications', { text: 'ok', labels: ['a', 'a'] }, /unique/],
    ['/v1/chat', { messages: [] }, /at least 1/],
    ['/v1/chat', { messages: [{ role: 'robot', content: 'hi' }] }, /role/],
    ['/v1/chat', { messages: [{ role: 'user' }] }, /content/],
    ['/v1/chat', { messages: Array.from({ length: 51 }, () => ({ role: 'user', content: 'x' })) }, /at most 50/],
  ])('%s rejects %j with a 400 that says why', async (path, body, message) => {
    const response = await post(path).send(body).expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });

  it.each(['/v1/summaries', '/v1/classifications', '/v1/chat'])('%s answers 400 to unparseable JSON', async (path) => {
    const response = await post(path).set('Content-Type', 'application/json').send('{"text": "unterminated').expect(400);
    expect(response.body.message).toBe('Request body is not valid JSON');
    expect(JSON.stringify(response.body)).not.toContain('unterminated');
  });

  it('answers 413 to a body over 64 KiB', async () => {
    await post('/v1/summaries').send({ text: 'x'.repeat(70 * 1024) }).expect(413);
  });

  it('records nothing for rejected requests', async () => {
    await post('/v1/summaries').send({ text: 1 }).expect(400);
    const metrics = await ScrapedMetrics.of(suite.app.url);
    expect(metrics.value('openai_api_requests_total')).toBe(0);
  });
});
