import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { ScrapedMetrics } from './support/scraped-metrics';
import { useAppWithSimulator } from './support/app-with-simulator';

describe('OPENAI_PRICING_FILE on the built app', () => {
  let dir: string;
  // Runs before the helper's beforeAll, which reads the file when the app starts.
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pricing-'));
    writeFileSync(join(dir, 'prices.json'), JSON.stringify({ 'house-model': { input: 10, cachedInput: 1, output: 100 } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const suite = useAppWithSimulator({
    simulator: { cachedInputRatio: 0.5 },
    env: () => ({ OPENAI_MODEL: 'house-model', OPENAI_PRICING_FILE: join(dir, 'prices.json') }),
  });

  it('prices a model from the file, cached input at its cached rate', async () => {
    await request(suite.app.url)
      .post('/v1/summaries')
      .set('Authorization', `Bearer ${AI_APP_TEST_KEY}`)
      .send({ text: 'A model priced by the operator, with half of its input served from cache.' })
      .expect(200);
    const metrics = await ScrapedMetrics.of(suite.app.url);
    const labels = { capability: 'summaries', operation: 'summarize', model: 'house-model' };
    const input = metrics.value('openai_api_tokens_total', { ...labels, type: 'input' });
    const output = metrics.value('openai_api_tokens_total', { ...labels, type: 'output' });
    const cached = metrics.value('openai_api_token_details_total', { ...labels, type: 'cached_input' });
    expect(input).toBeGreaterThan(0);
    expect(cached).toBe(Math.floor(input * 0.5));
    const expected = ((input - cached) * 10 + cached * 1 + output * 100) / 1e6;
    expect(metrics.value('openai_api_cost_usd_total', labels)).toBeCloseTo(expected, 9);
  });
});
