import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAiSimulator } from '@openai-monitoring/openai-simulator';
import request from 'supertest';
import { type AiAppProcess, aiAppEnv, startAiApp, AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { ScrapedMetrics } from './support/scraped-metrics';

describe('OPENAI_PRICING_FILE on the built app', () => {
  let simulator: OpenAiSimulator;
  let app: AiAppProcess;
  let dir: string;

  beforeAll(async () => {
    simulator = await OpenAiSimulator.start({ cachedInputRatio: 0.5 });
    dir = mkdtempSync(join(tmpdir(), 'pricing-'));
    const pricingFile = join(dir, 'prices.json');
    writeFileSync(pricingFile, JSON.stringify({ 'house-model': { input: 10, cachedInput: 1, output: 100 } }));
    app = await startAiApp(aiAppEnv(simulator.baseURL, { OPENAI_MODEL: 'house-model', OPENAI_PRICING_FILE: pricingFile }));
  });

  afterAll(async () => {
    await app?.stop();
    await simulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prices a model from the file, cached input at its cached rate', async () => {
    await request(app.url)
      .post('/v1/summaries')
      .set('Authorization', `Bearer ${AI_APP_TEST_KEY}`)
      .send({ text: 'A model priced by the operator, with half of its input served from cache.' })
      .expect(200);
    const metrics = await ScrapedMetrics.of(app.url);
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
