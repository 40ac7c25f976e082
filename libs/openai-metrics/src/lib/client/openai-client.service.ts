import { Injectable } from '@nestjs/common';
import OpenAI, { OpenAIError } from 'openai';
import type { Stream } from 'openai/core/streaming';
import type { ExtractParsedContentFromParams as ExtractChatParsed } from 'openai/lib/parser';
import type {
  ExtractParsedContentFromParams as ExtractResponseParsed,
  ResponseCreateParamsWithTools,
} from 'openai/lib/ResponsesParser';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionParseParams,
  ParsedChatCompletion,
} from 'openai/resources/chat/completions';
import type {
  ParsedResponse,
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { OpenAiResponseError } from '../errors/openai-response.error';
import { observeClient } from '../observation/sdk-observer';
import { OpenAiMetricsConfig } from '../recorder/openai-metrics.config';
import { OpenAiMetricsRecorder } from '../recorder/openai-metrics.recorder';

/** Per-request options of the `openai` SDK. */
export type OpenAiRequestOptions = OpenAI.RequestOptions;

/**
 * How a call reaches OpenAI: one `OpenAI` client (or the one given as `forRoot({ client })`),
 * observed at the SDK boundary. Every request it sends inside an `@Instrumented` operation, through
 * any endpoint or SDK path, is exactly one attempt (the SDK's own retries are off) and reports its
 * rate-limit headers, usage and model to the operation. The typed methods below are conveniences.
 */
@Injectable()
export class OpenAiClientService {
  private sdk: OpenAI | undefined;

  /** @internal Built by Nest's injector. */
  constructor(
    private readonly config: OpenAiMetricsConfig,
    private readonly recorder: OpenAiMetricsRecorder,
  ) {}

  /** The SDK client, created on first use so that apps which only use the decorator need no key. */
  get client(): OpenAI {
    this.sdk ??= this.observed();
    return this.sdk;
  }

  /** One attempt of `client.responses.parse` (structured outputs). */
  parse<Params extends ResponseCreateParamsWithTools, ParsedT = ExtractResponseParsed<Params>>(
    body: Params,
    options?: OpenAiRequestOptions,
  ): Promise<ParsedResponse<ParsedT>> {
    return readable(this.client.responses.parse<Params, ParsedT>(body, options));
  }

  createResponse(body: ResponseCreateParamsNonStreaming, options?: OpenAiRequestOptions): Promise<Response>;
  createResponse(body: ResponseCreateParamsStreaming, options?: OpenAiRequestOptions): Promise<Stream<ResponseStreamEvent>>;
  createResponse(
    body: ResponseCreateParamsNonStreaming | ResponseCreateParamsStreaming,
    options?: OpenAiRequestOptions,
  ): Promise<Response | Stream<ResponseStreamEvent>> {
    return readable(this.client.responses.create(body, options));
  }

  /** One attempt of `client.chat.completions.parse` (structured outputs). */
  parseChatCompletion<Params extends ChatCompletionParseParams, ParsedT = ExtractChatParsed<Params>>(
    body: Params,
    options?: OpenAiRequestOptions,
  ): Promise<ParsedChatCompletion<ParsedT>> {
    return readable(this.client.chat.completions.parse<Params, ParsedT>(body, options));
  }

  createChatCompletion(body: ChatCompletionCreateParamsNonStreaming, options?: OpenAiRequestOptions): Promise<ChatCompletion>;
  createChatCompletion(
    body: ChatCompletionCreateParamsStreaming,
    options?: OpenAiRequestOptions,
  ): Promise<Stream<ChatCompletionChunk>>;
  createChatCompletion(
    body: ChatCompletionCreateParamsNonStreaming | ChatCompletionCreateParamsStreaming,
    options?: OpenAiRequestOptions,
  ): Promise<ChatCompletion | Stream<ChatCompletionChunk>> {
    if (body.stream) {
      // Without include_usage a streamed completion reports no tokens at all.
      const streaming = { ...body, stream_options: { ...body.stream_options, include_usage: true } };
      return readable(this.client.chat.completions.create(streaming, options));
    }
    return readable(this.client.chat.completions.create(body, options));
  }

  private observed(): OpenAI {
    const given = this.config.options.client;
    const client = given === undefined ? new OpenAI({ ...this.config.options.openai }) : typeof given === 'function' ? given() : given;
    return observeClient(client, {
      deployments: this.config.deployments,
      rateLimits: (model, headers) => this.recorder.observeRateLimits(model, headers),
      instrumentationError: (stage, error) => this.recorder.instrumentationError(stage, error),
    });
  }
}

/** The typed methods answer an unreadable body (JSON, schema) as one error type, `OpenAiResponseError`. */
async function readable<T>(request: PromiseLike<T>): Promise<T> {
  let data: T;
  try {
    data = await request;
  } catch (error) {
    if (error instanceof OpenAIError) throw error;
    throw new OpenAiResponseError('OpenAI answered with a body that could not be read', { cause: error });
  }
  if (typeof data !== 'object' || data === null) throw new OpenAiResponseError('OpenAI answered with a body that is not a JSON object');
  return data;
}
