import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { OpenAiSimulator } from '@openai-monitoring/openai-simulator';
import OpenAI, { AzureOpenAI } from 'openai';
import type { FinalRequestOptions } from 'openai/internal/request-options';
import { OpenAiClientService } from '../src/lib/client/openai-client.service';
import { Instrumented } from '../src/lib/instrumented/instrumented.decorator';
import { histogram, metricValue } from './support/metric-values';
import { closeAndClear, metricsTestingModule, simulatorTestingModule } from './support/metrics-testing-module';

const MODEL = 'gpt-4o-mini';
const messages = [{ role: 'user' as const, content: 'Say something about the weather.' }];

/** Every call goes through the raw SDK client, the way an app that does not use the typed methods would. */
@Injectable()
class RawSdkService {
  constructor(private readonly openai: OpenAiClientService) {}

  @Instrumented('sdk', 'embeddings')
  async embed(input: string) {
    return this.openai.client.embeddings.create({ model: 'text-embedding-3-small', input });
  }

  @Instrumented('sdk', 'with_response')
  async withResponse() {
    const { data, response } = await this.openai.client.chat.completions.create({ model: MODEL, messages }).withResponse();
    return { usage: data.usage, status: response.status };
  }

  @Instrumented('sdk', 'raw_response')
  async rawResponse() {
    return (await this.openai.client.chat.completions.create({ model: MODEL, messages }).withResponse()).response;
  }

  @Instrumented('sdk', 'raw_stream')
  async rawStream() {
    return this.openai.client.chat.completions.create({ model: MODEL, messages, stream: true, stream_options: { include_usage: true } });
  }

  @Instrumented('sdk', 'chat_helper')
  async chatHelper() {
    return this.openai.client.chat.completions.stream({ model: MODEL, messages, stream_options: { include_usage: true } }).finalChatCompletion();
  }

  @Instrumented('sdk', 'responses_helper')
  async responsesHelper() {
    return this.openai.client.responses.stream({ model: MODEL, input: 'Tell me a story.' }).finalResponse();
  }

  @Instrumented('sdk', 'run_tools')
  async runTools() {
    const runner = this.openai.client.chat.completions.runTools({
      model: MODEL,
      messages,
      tools: [
        {
          type: 'function',
          function: { name: 'weather', description: 'The weather now', parameters: { type: 'object', properties: {} }, function: async () => 'sunny' },
        },
      ],
    });
    return runner.finalChatCompletion();
  }

  @Instrumented('sdk', 'deployment')
  async deployment() {
    return this.openai.client.chat.completions.create({ model: 'prod-chat', messages });
  }
}

describe('every SDK path is observed at the SDK boundary', () => {
  let simulator: OpenAiSimulator;
  let moduleRef: TestingModule;
  let service: RawSdkService;

  beforeAll(async () => {
    simulator = await OpenAiSimulator.start();
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());
  afterEach(() => closeAndClear(moduleRef));

  async function start(options: Parameters<typeof metricsTestingModule>[0] = {}) {
    moduleRef = await simulatorTestingModule(simulator, options, [RawSdkService]);
    service = moduleRef.get(RawSdkService);
  }

  const tokens = (operation: string, type: string, model = MODEL) =>
    metricValue('openai_api_tokens_total', { capability: 'sdk', operation, type, model });

  it('embeddings: prompt tokens as input under the requested model, rate limits and cost', async () => {
    await start();
    const result = await service.embed('hello world');
    expect(await tokens('embeddings', 'input', 'text-embedding-3-small')).toBe(result.usage.prompt_tokens);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(await tokens('embeddings', 'output', 'text-embedding-3-small')).toBe(0);
    expect(await metricValue('openai_api_ratelimit_limit', { type: 'requests', model: 'text-embedding-3-small' })).toBeGreaterThan(0);
    expect(await metricValue('openai_api_cost_usd_total', { operation: 'embeddings' })).toBeGreaterThan(0);
    expect(await metricValue('openai_api_unpriced_calls_total')).toBe(0);
  });

  it('withResponse(): the usage once, and the response untouched', async () => {
    await start();
    const { usage, status } = await service.withResponse();
    expect(status).toBe(200);
    expect(await tokens('with_response', 'input')).toBe(usage!.prompt_tokens);
    expect(await tokens('with_response', 'output')).toBe(usage!.completion_tokens);
  });

  it("withResponse(): the raw response's json() fails as undici's own, once the SDK read it and when called detached", async () => {
    await start();
    const response = await service.rawResponse();
    const plain = new Response('{}');
    await plain.json();
    const failure = (parse: () => Promise<unknown>) => Promise.resolve().then(parse).then(() => undefined, (error: unknown) => error);
    const reused = (await failure(() => plain.json())) as Error;
    // undici's errors come from Node's realm, not Jest's: compared by name.
    expect(reused.name).toBe('TypeError');
    await expect(response.json()).rejects.toThrow(reused.message);
    const detached = (await failure(plain.json as () => Promise<unknown>)) as Error;
    expect(detached.name).toBe('TypeError');
    const ours = (await failure(response.json as () => Promise<unknown>)) as Error;
    expect(ours.name).toBe('TypeError');
    expect(ours.message).toBe(detached.message);
    expect(await tokens('raw_response', 'input')).toBeGreaterThan(0);
  });

  it('a raw stream returned by the method: the operation ends with the stream, with tokens, TTFT and time per token', async () => {
    await start();
    const stream = await service.rawStream();
    const labels = { capability: 'sdk', operation: 'raw_stream' };
    expect(await metricValue('openai_api_in_flight', labels)).toBe(1);
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    expect(await metricValue('openai_api_requests_total', { ...labels, status: 'success' })).toBe(1);
    expect(await metricValue('openai_api_in_flight', labels)).toBe(0);
    expect(await tokens('raw_stream', 'output')).toBe(usage!.completion_tokens);
    expect((await histogram('openai_api_time_to_first_token_ms', { ...labels, model: MODEL })).count).toBe(1);
    expect((await histogram('openai_api_time_per_output_token_ms', { ...labels, model: MODEL })).count).toBe(1);
  });

  it('the SDK stream helpers: chat.completions.stream() and responses.stream()', async () => {
    await start();
    const chat = await service.chatHelper();
    expect(await tokens('chat_helper', 'output')).toBe(chat.usage!.completion_tokens);
    const response = await service.responsesHelper();
    expect(await tokens('responses_helper', 'input')).toBe(response.usage!.input_tokens);
    expect(await tokens('responses_helper', 'output')).toBe(response.usage!.output_tokens);
    expect(await metricValue('openai_api_requests_total', { operation: 'responses_helper', status: 'success' })).toBe(1);
  });

  it('runTools(): every completion the runner makes', async () => {
    await start();
    const final = await service.runTools();
    expect(simulator.requestCount).toBeGreaterThanOrEqual(1);
    expect(await tokens('run_tools', 'output')).toBeGreaterThanOrEqual(final.usage!.completion_tokens);
    expect(await metricValue('openai_api_requests_total', { operation: 'run_tools', status: 'success' })).toBe(1);
  });

  it('observes a client it did not construct, mapping deployments to models', async () => {
    const given = new OpenAI({ apiKey: 'sk-test', baseURL: simulator.baseURL, maxRetries: 5 });
    await start({ client: given, deployments: { 'prod-chat': MODEL } });
    expect(moduleRef.get(OpenAiClientService).client).toBe(given);
    expect(given.maxRetries).toBe(0);
    simulator.enqueueFaults({ kind: 'status', status: 500 });
    const result = await service.deployment();
    expect(simulator.requestCount).toBe(2);
    expect(await tokens('deployment', 'input')).toBe(result.usage!.prompt_tokens);
    expect(await metricValue('openai_api_retries_total', { operation: 'deployment', error_type: 'server_error' })).toBe(1);
  });

  it("still runs a given client's own prepareRequest hook, and observes its requests", async () => {
    const prepared: string[] = [];
    class HookedOpenAI extends OpenAI {
      protected override async prepareRequest(request: RequestInit, details: { url: string; options: FinalRequestOptions }): Promise<void> {
        await super.prepareRequest(request, details);
        prepared.push(new URL(details.url).pathname);
      }
    }
    await start({ client: new HookedOpenAI({ apiKey: 'sk-test', baseURL: simulator.baseURL }) });
    const result = await service.embed('hello hook');
    expect(prepared).toEqual(['/v1/embeddings']);
    expect(await tokens('embeddings', 'input', 'text-embedding-3-small')).toBe(result.usage.prompt_tokens);
  });

  it('observes an AzureOpenAI client from a factory: deployment paths, the deployment mapped to its model', async () => {
    const origin = simulator.baseURL.replace(/\/v1$/, '');
    await start({
      client: () => new AzureOpenAI({ endpoint: origin, apiKey: 'azure-key', apiVersion: '2024-10-21' }),
      deployments: { 'prod-chat': MODEL },
    });
    const result = await service.deployment();
    expect(simulator.requests[0]).toMatchObject({ path: '/v1/chat/completions', model: 'prod-chat' });
    expect(await tokens('deployment', 'input')).toBe(result.usage!.prompt_tokens);
    expect(await metricValue('openai_api_cost_usd_total', { operation: 'deployment', model: MODEL })).toBeGreaterThan(0);
    expect(await metricValue('openai_api_ratelimit_limit', { type: 'requests', model: MODEL })).toBeGreaterThan(0);
  });

  it('counts the tokens of a successful attempt even when the operation then fails', async () => {
    @Injectable()
    class TwoStepService {
      constructor(private readonly openai: OpenAiClientService) {}

      @Instrumented('sdk', 'two_steps')
      async run() {
        await this.openai.client.chat.completions.create({ model: MODEL, messages });
        throw new Error('the application gave up after a billed call');
      }
    }
    moduleRef = await simulatorTestingModule(simulator, { retry: { maxAttempts: 1 } }, [TwoStepService]);
    await expect(moduleRef.get(TwoStepService).run()).rejects.toThrow('gave up');
    expect(await metricValue('openai_api_requests_total', { operation: 'two_steps', status: 'failure' })).toBe(1);
    expect(await metricValue('openai_api_tokens_total', { operation: 'two_steps', type: 'input' })).toBeGreaterThan(0);
    expect((await histogram('openai_api_request_duration_ms', { operation: 'two_steps' })).count).toBe(0);
  });
});
