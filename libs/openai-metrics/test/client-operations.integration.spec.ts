import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { OpenAiSimulator } from '@openai-monitoring/openai-simulator';
import { zodTextFormat } from 'openai/helpers/zod';
import type { Stream } from 'openai/core/streaming';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { register } from 'prom-client';
import { z } from 'zod';
import { OpenAiClientService } from '../src/lib/client/openai-client.service';
import { OpenAiResponseError } from '../src/lib/errors/openai-response.error';
import { Instrumented } from '../src/lib/instrumented/instrumented.decorator';
import { histogram, metricValue, seriesOf } from './support/metric-values';
import { closeAndClear, metricsTestingModule, simulatorTestingModule } from './support/metrics-testing-module';

const Verdict = z.object({ label: z.enum(['good', 'bad']), confidence: z.number().min(0).max(1) });

@Injectable()
class AssistantService {
  constructor(readonly openai: OpenAiClientService) {}

  @Instrumented('assistant', 'judge')
  async judge(text: string, model = 'gpt-4o-mini') {
    const response = await this.openai.parse({ model, input: text, text: { format: zodTextFormat(Verdict, 'verdict') } });
    return { parsed: response.output_parsed, usage: response.usage, reportedModel: response.model };
  }

  @Instrumented('assistant', 'two_calls')
  async twoCalls(text: string) {
    const first = await this.openai.createResponse({ model: 'gpt-4o-mini', input: text });
    const second = await this.openai.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
    return { first: first.usage, second: second.usage };
  }

  @Instrumented('assistant', 'chat_stream')
  streamChat(text: string, model = 'gpt-4o-mini'): Promise<Stream<ChatCompletionChunk>> {
    return this.openai.createChatCompletion({ model, messages: [{ role: 'user', content: text }], stream: true });
  }

  @Instrumented('assistant', 'response_stream')
  streamResponse(text: string): Promise<Stream<ResponseStreamEvent>> {
    return this.openai.createResponse({ model: 'gpt-4o-mini', input: text, stream: true });
  }
}

describe('OpenAiClientService + @Instrumented against the simulator', () => {
  let simulator: OpenAiSimulator;
  let moduleRef: TestingModule;
  let service: AssistantService;

  beforeAll(async () => {
    simulator = await OpenAiSimulator.start();
  });

  afterAll(() => simulator.stop());

  async function start(options: Parameters<typeof metricsTestingModule>[0] = {}) {
    moduleRef = await simulatorTestingModule(simulator, options, [AssistantService]);
    service = moduleRef.get(AssistantService);
  }

  beforeEach(() => simulator.reset());
  afterEach(() => closeAndClear(moduleRef));

  const judge = { capability: 'assistant', operation: 'judge' };

  it('records one success with the tokens the API reported, under the requested model', async () => {
    await start();
    const result = await service.judge('The service answered within its SLO.');
    expect(Verdict.safeParse(result.parsed).success).toBe(true);
    expect(result.reportedModel).not.toBe('gpt-4o-mini');
    expect(simulator.requestCount).toBe(1);
    expect(simulator.requests[0].retryCount ?? '0').toBe('0');
    expect(await metricValue('openai_api_requests_total', { ...judge, status: 'success' })).toBe(1);
    const labels = { ...judge, model: 'gpt-4o-mini' };
    expect(await metricValue('openai_api_tokens_total', { ...labels, type: 'input' })).toBe(result.usage!.input_tokens);
    expect(await metricValue('openai_api_tokens_total', { ...labels, type: 'output' })).toBe(result.usage!.output_tokens);
    expect(await seriesOf('openai_api_tokens_total')).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ model: result.reportedModel })]),
    );
  });

  it('adds every call of an operation under its own requested model', async () => {
    await start();
    const usage = await service.twoCalls('Two calls, one operation.');
    const labels = { capability: 'assistant', operation: 'two_calls' };
    expect(await metricValue('openai_api_requests_total', labels)).toBe(1);
    expect(await metricValue('openai_api_tokens_total', { ...labels, model: 'gpt-4o-mini', type: 'input' })).toBe(usage.first!.input_tokens);
    expect(await metricValue('openai_api_tokens_total', { ...labels, model: 'gpt-4o', type: 'input' })).toBe(usage.second!.prompt_tokens);
  });

  it('retries 5xx and 429 answers, then counts one success whose duration spans the waits', async () => {
    await start({ retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 50 } });
    simulator.enqueueFaults(
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '50' } },
    );
    await service.judge('retry me');
    expect(simulator.requestCount).toBe(3);
    expect(await metricValue('openai_api_requests_total', judge)).toBe(1);
    expect(await metricValue('openai_api_requests_total', { ...judge, status: 'success' })).toBe(1);
    expect(await metricValue('openai_api_retries_total', { ...judge, error_type: 'server_error' })).toBe(1);
    expect(await metricValue('openai_api_retries_total', { ...judge, error_type: 'rate_limit' })).toBe(1);
    const duration = await histogram('openai_api_request_duration_ms', { ...judge, status: 'success' });
    expect(duration.count).toBe(1);
    expect(duration.sum).toBeGreaterThanOrEqual(87);
  });

  it('counts exhausted retries once, with no duration, and rethrows the last upstream error', async () => {
    await start({ retry: { maxAttempts: 3 } });
    simulator.enqueueFaults({ kind: 'status', status: 500 }, { kind: 'drop' }, { kind: 'status', status: 502 });
    await expect(service.judge('fail')).rejects.toMatchObject({ status: 502 });
    expect(simulator.requestCount).toBe(3);
    expect(await metricValue('openai_api_requests_total', { ...judge, status: 'failure' })).toBe(1);
    expect(await metricValue('openai_api_requests_total', { ...judge, status: 'success' })).toBe(0);
    expect((await histogram('openai_api_request_duration_ms', judge)).count).toBe(0);
    expect(await metricValue('openai_api_errors_total', { ...judge, error_type: 'server_error' })).toBe(1);
    expect(await metricValue('openai_api_retries_total', { ...judge, error_type: 'connection' })).toBe(1);
  });

  it('does not retry a 400 from OpenAI', async () => {
    await start();
    simulator.enqueueFaults({ kind: 'status', status: 400 });
    await expect(service.judge('bad')).rejects.toMatchObject({ status: 400 });
    expect(simulator.requestCount).toBe(1);
    expect(await metricValue('openai_api_errors_total', { ...judge, error_type: 'bad_request' })).toBe(1);
  });

  it('times out each attempt and reports the timeout', async () => {
    await start({ openai: { timeout: 150 }, retry: { maxAttempts: 2 } });
    simulator.enqueueFaults({ kind: 'stall', ms: 5000 }, { kind: 'stall', ms: 5000 });
    await expect(service.judge('slow')).rejects.toThrow(/timed out/i);
    expect(simulator.requestCount).toBe(2);
    expect(await metricValue('openai_api_errors_total', { ...judge, error_type: 'timeout' })).toBe(1);
  });

  it.each([['invalid-json' as const], ['schema-mismatch' as const]])('treats a %s body as an unusable answer, not retried', async (kind) => {
    await start();
    simulator.enqueueFaults({ kind });
    await expect(service.judge('broken body')).rejects.toBeInstanceOf(OpenAiResponseError);
    expect(simulator.requestCount).toBe(1);
    expect(await metricValue('openai_api_errors_total', { ...judge, error_type: 'invalid_response' })).toBe(1);
  });

  it('records cached and reasoning tokens and prices cached input at the cached rate', async () => {
    simulator.configure({ cachedInputRatio: 0.5, reasoningRatio: 0.5 });
    await start();
    const result = await service.judge('A reasoning model with a warm cache.', 'o4-mini');
    const usage = result.usage!;
    const cached = usage.input_tokens_details.cached_tokens;
    const reasoning = usage.output_tokens_details.reasoning_tokens;
    expect(cached).toBeGreaterThan(0);
    expect(reasoning).toBeGreaterThan(0);
    const labels = { ...judge, model: 'o4-mini' };
    expect(await metricValue('openai_api_token_details_total', { ...labels, type: 'cached_input' })).toBe(cached);
    expect(await metricValue('openai_api_token_details_total', { ...labels, type: 'reasoning' })).toBe(reasoning);
    const expected = ((usage.input_tokens - cached) * 1.1 + cached * 0.275 + usage.output_tokens * 4.4) / 1e6;
    expect(await metricValue('openai_api_cost_usd_total', labels)).toBeCloseTo(expected, 12);
  });

  it('exposes the latest rate-limit headers per model', async () => {
    await start();
    await service.judge('one');
    await service.judge('two');
    const remaining = await metricValue('openai_api_ratelimit_remaining', { type: 'requests', model: 'gpt-4o-mini' });
    expect(remaining).toBe(10_000 - 2);
    expect(await metricValue('openai_api_ratelimit_limit', { type: 'tokens', model: 'gpt-4o-mini' })).toBe(2_000_000);
    expect(await metricValue('openai_api_ratelimit_reset_seconds', { type: 'requests', model: 'gpt-4o-mini' })).toBeGreaterThan(0);
    const labelSets = await seriesOf('openai_api_ratelimit_remaining');
    for (const labels of labelSets) expect(Object.keys(labels).sort()).toEqual(['model', 'type']);
  });

  describe('streams', () => {
    const chat = { capability: 'assistant', operation: 'chat_stream' };

    it('records time to first token, then tokens and one success when the caller finishes the stream', async () => {
      simulator.configure({ streamChunkDelayMs: 20 });
      await start();
      const stream = await service.streamChat('stream please');
      expect(await metricValue('openai_api_in_flight', chat)).toBe(1);
      expect(await metricValue('openai_api_requests_total', chat)).toBe(0);
      let text = '';
      let usage: ChatCompletionChunk['usage'] | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        usage = chunk.usage ?? usage;
      }
      expect(text.length).toBeGreaterThan(0);
      expect(simulator.requests[0].stream).toBe(true);
      expect(await metricValue('openai_api_requests_total', { ...chat, status: 'success' })).toBe(1);
      expect(await metricValue('openai_api_in_flight', chat)).toBe(0);
      expect(await metricValue('openai_api_tokens_total', { ...chat, model: 'gpt-4o-mini', type: 'output' })).toBe(usage!.completion_tokens);
      const ttft = await histogram('openai_api_time_to_first_token_ms', { ...chat, model: 'gpt-4o-mini' });
      expect(ttft.count).toBe(1);
      const duration = await histogram('openai_api_request_duration_ms', { ...chat, status: 'success' });
      // The duration runs to the end of the stream, so it exceeds the time to the first token.
      expect(duration.sum).toBeGreaterThan(ttft.sum);
      expect(ttft.sum).toBeGreaterThanOrEqual(20);
    });

    it('records Responses API streams from response.completed', async () => {
      await start();
      const stream = await service.streamResponse('stream a response');
      let completedUsage: { input_tokens: number } | undefined;
      for await (const event of stream) if (event.type === 'response.completed') completedUsage = event.response.usage ?? undefined;
      const labels = { capability: 'assistant', operation: 'response_stream' };
      expect(await metricValue('openai_api_requests_total', { ...labels, status: 'success' })).toBe(1);
      expect(await metricValue('openai_api_tokens_total', { ...labels, type: 'input' })).toBe(completedUsage!.input_tokens);
      expect((await histogram('openai_api_time_to_first_token_ms', labels)).count).toBe(1);
    });

    it('retries a failure before the first chunk', async () => {
      await start();
      simulator.enqueueFaults({ kind: 'status', status: 500 }, { kind: 'stream-break', afterChunks: 0 });
      const stream = await service.streamChat('retry before first chunk');
      for await (const chunk of stream) void chunk;
      expect(simulator.requestCount).toBe(3);
      expect(await metricValue('openai_api_requests_total', { ...chat, status: 'success' })).toBe(1);
      expect(await metricValue('openai_api_retries_total', chat)).toBe(2);
    });

    it('records one aborted failure when the consumer abandons the stream', async () => {
      simulator.configure({ streamChunkDelayMs: 5 });
      await start();
      const stream = await service.streamChat('abandon me');
      for await (const chunk of stream) {
        void chunk;
        break;
      }
      expect(await metricValue('openai_api_requests_total', { ...chat, status: 'failure' })).toBe(1);
      expect(await metricValue('openai_api_errors_total', { ...chat, error_type: 'aborted' })).toBe(1);
      expect(await metricValue('openai_api_requests_total', { ...chat, status: 'success' })).toBe(0);
      expect(await metricValue('openai_api_in_flight', chat)).toBe(0);
    });

    it('records one aborted failure when the caller aborts the stream through its controller', async () => {
      simulator.configure({ streamChunkDelayMs: 20 });
      await start();
      const stream = await service.streamChat('abort me');
      let chunks = 0;
      for await (const chunk of stream) {
        void chunk;
        if (++chunks === 2) stream.controller.abort();
      }
      expect(await metricValue('openai_api_errors_total', { ...chat, error_type: 'aborted' })).toBe(1);
      expect(await metricValue('openai_api_requests_total', { ...chat, status: 'success' })).toBe(0);
    });

    it('records one failure, with its cause and no retry, when the stream breaks midway', async () => {
      await start();
      simulator.enqueueFaults({ kind: 'stream-break', afterChunks: 3 });
      const stream = await service.streamChat('break midway');
      await expect(
        (async () => {
          for await (const chunk of stream) void chunk;
        })(),
      ).rejects.toThrow();
      expect(simulator.requestCount).toBe(1);
      expect(await metricValue('openai_api_requests_total', { ...chat, status: 'failure' })).toBe(1);
      expect(await metricValue('openai_api_errors_total', chat)).toBe(1);
      expect(await metricValue('openai_api_errors_total', { ...chat, error_type: 'connection' })).toBe(1);
    });
  });

  it('keeps the number of series bounded across 10,000 distinct unknown model names', async () => {
    await start();
    const before = (await register.metrics()).split('\n').filter((l) => l && !l.startsWith('#')).length;
    const names = Array.from({ length: 10_000 }, (_, i) => `tenant-model-${i}`);
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(names.slice(i, i + 50).map((model) => service.judge('x', model)));
    }
    const text = await register.metrics();
    const series = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(await metricValue('openai_api_requests_total', { ...judge, status: 'success' })).toBe(10_000);
    expect(series.length - before).toBeLessThan(60);
    expect(text).not.toContain('tenant-model-');
    expect(await metricValue('openai_api_tokens_total', { ...judge, model: 'other', type: 'input' })).toBeGreaterThan(0);
  }, 120_000);
});
