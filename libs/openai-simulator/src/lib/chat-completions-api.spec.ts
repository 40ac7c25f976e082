import OpenAI, { BadRequestError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { estimateTokens } from './token-estimate';
import { useSimulator } from '../../test/use-simulator';

const Ticket = z.object({
  priority: z.enum(['low', 'medium', 'high']),
  score: z.number().min(0).max(1),
  title: z.string().max(20),
  assignee: z.string().nullable(),
});

describe('POST /v1/chat/completions', () => {
  const suite = useSimulator({ cachedInputRatio: 0.5 });

  it('answers a chat.completion with one choice and predictable usage', async () => {
    const completion = await suite.client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [{ type: 'text', text: 'Say something long enough to count.' }] },
      ],
    });

    const content = completion.choices[0].message.content ?? '';
    const inputTokens = estimateTokens('You are terse.Say something long enough to count.');
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini-2024-07-18');
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', logprobs: null });
    expect(completion.choices[0].message).toMatchObject({ role: 'assistant', refusal: null });
    expect(content.length).toBeGreaterThan(0);
    expect(completion.usage).toMatchObject({
      prompt_tokens: inputTokens,
      completion_tokens: estimateTokens(content),
      total_tokens: inputTokens + estimateTokens(content),
      prompt_tokens_details: { cached_tokens: Math.floor(inputTokens * 0.5) },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('reports reasoning tokens for reasoning models', async () => {
    const completion = await suite.client.chat.completions.create({ model: 'o3-mini', messages: [{ role: 'user', content: 'hi' }] });
    const usage = completion.usage;
    expect(completion.model).toBe('o3-mini-2025-01-31');
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBe(Math.floor((usage?.completion_tokens ?? 0) / 2));
  });

  it('answers chat.completions.parse with content that passes the zod schema', async () => {
    const completion = await suite.client.chat.completions.parse({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Triage this ticket' }],
      response_format: zodResponseFormat(Ticket, 'ticket'),
    });

    const parsed = completion.choices[0].message.parsed;
    expect(Ticket.parse(parsed)).toEqual(parsed);
    expect(JSON.parse(completion.choices[0].message.content ?? '')).toEqual(parsed);
  });

  it('answers JSON for response_format json_object', async () => {
    const completion = await suite.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'json please' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(completion.choices[0].message.content ?? '')).toEqual({ answer: expect.any(String) });
  });

  it('rejects a request without messages', async () => {
    const error = await suite.client.chat.completions
      .create({ model: 'gpt-4o' } as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('messages');
    expect((error as BadRequestError).code).toBe('missing_required_parameter');
  });
});
