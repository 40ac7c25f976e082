import OpenAI from 'openai';
import { zodResponseFormat, zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { estimateTokens } from './token-estimate';
import { useSimulator } from '../../test/use-simulator';

const Verdict = z.object({ verdict: z.enum(['yes', 'no']), certainty: z.number().min(0).max(1) });

describe('streaming', () => {
  const suite = useSimulator({ cachedInputRatio: 0.25 });

  describe('Responses API', () => {
    it('streams the event sequence of the real API, with usage on response.completed', async () => {
      const input = 'Stream me a sentence please.';
      const stream = await suite.client.responses.create({ model: 'o4-mini', input, stream: true });
      const events: OpenAI.Responses.ResponseStreamEvent[] = [];
      for await (const event of stream) events.push(event);

      const types = events.map((e) => e.type);
      const deltas = events.filter((e) => e.type === 'response.output_text.delta');
      expect(types.slice(0, 4)).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
      ]);
      expect(types.slice(-4)).toEqual([
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
      expect(deltas.length).toBeGreaterThanOrEqual(3);
      expect(types.slice(4, -4).every((t) => t === 'response.output_text.delta')).toBe(true);
      expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));

      const text = deltas.map((d) => d.delta).join('');
      expect(deltas.every((d) => d.delta.length > 0)).toBe(true);
      const done = events.find((e) => e.type === 'response.output_text.done');
      expect(done?.text).toBe(text);
      const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
      expect(completed.response.model).toBe('o4-mini-2025-04-16');
      expect(completed.response.usage).toEqual({
        input_tokens: estimateTokens(input),
        input_tokens_details: { cached_tokens: Math.floor(estimateTokens(input) * 0.25) },
        output_tokens: estimateTokens(text),
        output_tokens_details: { reasoning_tokens: Math.floor(estimateTokens(text) / 2) },
        total_tokens: estimateTokens(input) + estimateTokens(text),
      });
    });

    it('works with the responses.stream helper and structured output', async () => {
      const stream = suite.client.responses.stream({
        model: 'gpt-4.1-mini',
        input: 'Is it?',
        text: { format: zodTextFormat(Verdict, 'verdict') },
      });
      let snapshot = '';
      stream.on('response.output_text.delta', (event) => (snapshot = event.snapshot));
      const response = await stream.finalResponse();

      expect(Verdict.parse(response.output_parsed)).toEqual(response.output_parsed);
      expect(snapshot).toBe(response.output_text);
      expect(response.usage?.output_tokens).toBe(estimateTokens(response.output_text));
    });
  });

  describe('Chat Completions', () => {
    it('streams role, content deltas, finish_reason, then a usage chunk when include_usage is set', async () => {
      const stream = await suite.client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Count to three' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);

      const [first, ...rest] = chunks;
      const usageChunk = rest.at(-1);
      const finish = rest.at(-2);
      const contentChunks = rest.slice(0, -2);
      const text = contentChunks.map((c) => c.choices[0].delta.content).join('');

      expect(first.object).toBe('chat.completion.chunk');
      expect(first.choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
      expect(contentChunks.length).toBeGreaterThanOrEqual(3);
      expect(contentChunks.every((c) => (c.choices[0].delta.content ?? '').length > 0)).toBe(true);
      expect(finish?.choices[0].finish_reason).toBe('stop');
      expect(usageChunk?.choices).toEqual([]);
      expect(usageChunk?.usage).toMatchObject({
        prompt_tokens: estimateTokens('Count to three'),
        completion_tokens: estimateTokens(text),
        total_tokens: estimateTokens('Count to three') + estimateTokens(text),
        prompt_tokens_details: { cached_tokens: Math.floor(estimateTokens('Count to three') * 0.25) },
      });
      expect(chunks.every((c) => c.model === 'gpt-4o-mini-2024-07-18')).toBe(true);
    });

    it('sends no usage chunk without include_usage', async () => {
      const stream = await suite.client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
      expect(chunks.every((c) => c.usage === undefined && c.choices.length === 1)).toBe(true);
    });

    it('works with the chat.completions.stream helper and structured output', async () => {
      const stream = suite.client.chat.completions.stream({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Is it?' }],
        response_format: zodResponseFormat(Verdict, 'verdict'),
        stream_options: { include_usage: true },
      });
      const completion = await stream.finalChatCompletion();
      const message = completion.choices[0].message;
      expect(Verdict.parse(message.parsed)).toEqual(message.parsed);
      expect(completion.usage?.completion_tokens).toBe(estimateTokens(message.content ?? ''));
    });

    it('spaces chunks by streamChunkDelayMs', async () => {
      suite.sim.configure({ streamChunkDelayMs: 15 });
      const started = Date.now();
      const stream = await suite.client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      let count = 0;
      for await (const _chunk of stream) count++;
      // The SDK yields every event but [DONE]: count + 1 events, so count delays (less a little timer slack).
      expect(count).toBeGreaterThanOrEqual(5);
      expect(Date.now() - started).toBeGreaterThanOrEqual(count * 15 - 5);
    });
  });
});
