import { request as httpRequest } from 'node:http';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { ScrapedMetrics } from './support/scraped-metrics';
import { useAppWithSimulator } from './support/app-with-simulator';

const chat = { capability: 'chat', operation: 'stream' };

/** Posts a chat, reads until the first event, then hangs up like a closed browser tab. */
function openChatAndHangUp(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'tell me a long story' }] });
    const req = httpRequest(`${url}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${AI_APP_TEST_KEY}`, 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (response) => {
      response.once('data', (chunk: Buffer) => {
        req.destroy();
        resolve(chunk.toString());
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end(body);
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('streamed chat on the built app', () => {
  const suite = useAppWithSimulator({ simulator: { streamChunkDelayMs: 100 } });

  it('records one aborted failure when the client hangs up mid-stream, and nothing stays in flight', async () => {
    const first = await openChatAndHangUp(suite.app.url);
    expect(first).toMatch(/^data: /);
    await eventually(async () => (await ScrapedMetrics.of(suite.app.url)).value('openai_api_errors_total', { ...chat, error_type: 'aborted' }) === 1);
    const metrics = await ScrapedMetrics.of(suite.app.url);
    expect(metrics.value('openai_api_requests_total', { ...chat, status: 'failure' })).toBe(1);
    expect(metrics.value('openai_api_requests_total', { ...chat, status: 'success' })).toBe(0);
    expect(metrics.value('openai_api_in_flight', chat)).toBe(0);
    expect(suite.simulator.requestCount).toBe(1);
  });
});
