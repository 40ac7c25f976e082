import OpenAI, { BadRequestError } from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { estimateTokens } from './token-estimate';
import { useSimulator } from '../../test/use-simulator';

const Sentiment = z.object({
  label: z.enum(['positive', 'negative', 'neutral']),
  confidence: z.number().min(0).max(1),
  summary: z.string().min(5).max(40),
  keywords: z.array(z.string()).min(1).max(3),
  source: z.object({ url: z.url(), count: z.int().min(1).max(5) }).nullable(),
});

describe('POST /v1/responses', () => {
  const suite = useSimulator();

  it('answers responses.parse with output that passes the zod schema, usage as estimateTokens predicts', async () => {
    const input = 'Classify the sentiment of: the simulator works nicely.';
    const response = await suite.client.responses.parse({
      model: 'gpt-4o-mini',
      input,
      text: { format: zodTextFormat(Sentiment, 'sentiment') },
    });

    expect(Sentiment.parse(response.output_parsed)).toEqual(response.output_parsed);
    expect(response.status).toBe('completed');
    expect(response.model).toBe('gpt-4o-mini-2024-07-18');
    expect(response.usage).toEqual({
      input_tokens: estimateTokens(input),
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: estimateTokens(response.output_text),
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: estimateTokens(input) + estimateTokens(response.output_text),
    });
  });

  it('varies generated values across requests yet stays within the schema', async () => {
    const labels = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const response = await suite.client.responses.parse({
        model: 'gpt-4.1',
        input: 'x',
        text: { format: zodTextFormat(Sentiment, 'sentiment') },
      });
      const parsed = Sentiment.parse(response.output_parsed);
      labels.add(parsed.label);
      expect(parsed.confidence).toBeGreaterThanOrEqual(0);
      expect(parsed.confidence).toBeLessThanOrEqual(1);
    }
    expect(labels.size).toBeGreaterThan(1);
  });

  it('answers plain lorem text and counts instructions plus every input text part', async () => {
    const response = await suite.client.responses.create({
      model: 'my-model',
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: 'Hello there' },
        { role: 'user', content: [{ type: 'input_text', text: 'and more' }] },
      ],
    });

    expect(response.output_text).toMatch(/^[A-Z][a-z ]+\.$/);
    expect(response.model).toBe('my-model-2025-01-01');
    expect(response.object).toBe('response');
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(response.usage?.input_tokens).toBe(estimateTokens('Be brief.Hello thereand more'));
    expect(response.usage?.output_tokens).toBe(estimateTokens(response.output_text));
  });

  it('reports cached input tokens and reasoning tokens (within output tokens) for reasoning models only', async () => {
    suite.sim.configure({ cachedInputRatio: 0.5, reasoningRatio: 0.25 });
    const input = 'a'.repeat(401);

    for (const model of ['o4-mini', 'o1', 'gpt-5-mini']) {
      const { usage } = await suite.client.responses.create({ model, input });
      expect(usage?.input_tokens).toBe(101);
      expect(usage?.input_tokens_details.cached_tokens).toBe(50);
      expect(usage?.output_tokens_details.reasoning_tokens).toBe(Math.floor((usage?.output_tokens ?? 0) * 0.25));
      expect(usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
      expect(usage?.total_tokens).toBe((usage?.input_tokens ?? 0) + (usage?.output_tokens ?? 0));
    }
    const { usage } = await suite.client.responses.create({ model: 'gpt-4o', input });
    expect(usage?.output_tokens_details.reasoning_tokens).toBe(0);
    expect(usage?.input_tokens_details.cached_tokens).toBe(50);
  });

  it('uses the default reasoning ratio of one half', async () => {
    const { usage } = await suite.client.responses.create({ model: 'o3', input: 'hi' });
    expect(usage?.output_tokens_details.reasoning_tokens).toBe(Math.floor((usage?.output_tokens ?? 0) / 2));
  });

  it('rejects a json_schema it cannot satisfy with a 400 naming the schema parameter', async () => {
    const error = await suite.client.responses
      .create({
        model: 'gpt-4o',
        input: 'x',
        text: { format: { type: 'json_schema', name: 'broken', schema: { $ref: '#/$defs/Missing' } } },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('text.format.schema');
  });

  it('rejects a request without model as the API does', async () => {
    const error = await suite.client.responses
      .create({ input: 'hi' } as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('model');
  });
});
