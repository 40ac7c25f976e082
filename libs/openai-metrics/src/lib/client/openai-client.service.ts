import { Injectable } from '@nestjs/common';
import OpenAI, { OpenAIError } from 'openai';
import type { APIPromise } from 'openai/core/api-promise';
import type { Stream } from 'openai/core/streaming';
import type { RequestOptions } from 'openai/internal/request-options';
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
import { currentOperation } from '../context/operation-context';
import { OpenAiResponseError } from '../errors/openai-response.error';
import { readRateLimitHeaders } from '../rate-limit/rate-limit-headers';
import { OpenAiMetricsConfig } from '../recorder/openai-metrics.config';
import { OpenAiMetricsRecorder } from '../recorder/openai-metrics.recorder';
import { StreamObservation } from '../streaming/observed-stream';
import type { StreamKind } from '../streaming/stream-events';
import { readTokenUsage } from '../usage/token-usage';

/**
 * One `OpenAI` client. Every method makes exactly one attempt (the SDK's own retries are off:
 * `@Instrumented` decides retries) and reports the requested model, usage and rate-limit headers
 * to the operation in progress.
 */
@Injectable()
export class OpenAiClientService {
  private sdk: OpenAI | undefined;

  constructor(
    private readonly config: OpenAiMetricsConfig,
    private readonly recorder: OpenAiMetricsRecorder,
  ) {}

  /** The SDK client, created on first use so that apps which only use the decorator need no key. */
  get client(): OpenAI {
    this.sdk ??= new OpenAI({ ...this.config.options.openai, maxRetries: 0 });
    return this.sdk;
  }

  /** One attempt of `client.responses.parse` (structured outputs). */
  parse<Params extends ResponseCreateParamsWithTools, ParsedT = ExtractResponseParsed<Params>>(
    body: Params,
    options?: RequestOptions,
  ): Promise<ParsedResponse<ParsedT>> {
    return this.once(body.model, this.client.responses.parse<Params, ParsedT>(body, options));
  }

  createResponse(body: ResponseCreateParamsNonStreaming, options?: RequestOptions): Promise<Response>;
  createResponse(body: ResponseCreateParamsStreaming, options?: RequestOptions): Promise<Stream<ResponseStreamEvent>>;
  createResponse(
    body: ResponseCreateParamsNonStreaming | ResponseCreateParamsStreaming,
    options?: RequestOptions,
  ): Promise<Response | Stream<ResponseStreamEvent>> {
    if (body.stream) return this.openStream('responses', body.model, this.client.responses.create(body, options));
    return this.once(body.model, this.client.responses.create(body, options));
  }

  /** One attempt of `client.chat.completions.parse` (structured outputs). */
  parseChatCompletion<Params extends ChatCompletionParseParams, ParsedT = ExtractChatParsed<Params>>(
    body: Params,
    options?: RequestOptions,
  ): Promise<ParsedChatCompletion<ParsedT>> {
    return this.once(body.model, this.client.chat.completions.parse<Params, ParsedT>(body, options));
  }

  createChatCompletion(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): Promise<ChatCompletion>;
  createChatCompletion(
    body: ChatCompletionCreateParamsStreaming,
    options?: RequestOptions,
  ): Promise<Stream<ChatCompletionChunk>>;
  createChatCompletion(
    body: ChatCompletionCreateParamsNonStreaming | ChatCompletionCreateParamsStreaming,
    options?: RequestOptions,
  ): Promise<ChatCompletion | Stream<ChatCompletionChunk>> {
    if (body.stream) {
      // Without include_usage a streamed completion reports no tokens at all.
      const streaming = { ...body, stream_options: { ...body.stream_options, include_usage: true } };
      return this.openStream('chat', body.model, this.client.chat.completions.create(streaming, options));
    }
    return this.once(body.model, this.client.chat.completions.create(body, options));
  }

  private async once<T extends { usage?: unknown }>(model: string | undefined, request: APIPromise<T>): Promise<T> {
    const data = await this.send(model, request);
    if (typeof data !== 'object' || data === null) {
      throw new OpenAiResponseError('OpenAI answered with a body that is not a JSON object');
    }
    const operation = currentOperation();
    if (operation) {
      const usage = readTokenUsage(data.usage);
      if (usage) operation.addUsage(model, usage);
    }
    return data;
  }

  private async openStream<T>(kind: StreamKind, model: string | undefined, request: APIPromise<Stream<T>>): Promise<Stream<T>> {
    const stream = await this.send(model, request);
    const operation = currentOperation();
    return operation ? new StreamObservation(stream, operation, kind, model).stream : stream;
  }

  private async send<T>(model: string | undefined, request: APIPromise<T>): Promise<T> {
    try {
      const { data, response } = await request.withResponse();
      this.reportHeaders(model, response.headers);
      return data;
    } catch (error) {
      this.reportHeaders(model, (error as { headers?: Headers }).headers);
      if (error instanceof OpenAIError) throw error;
      // Anything else the SDK throws comes from reading the answer (JSON, schema): an unusable body.
      throw new OpenAiResponseError('OpenAI answered with a body that could not be read', { cause: error });
    }
  }

  private reportHeaders(model: string | undefined, headers: Headers | undefined): void {
    const snapshot = readRateLimitHeaders(headers);
    if (snapshot) this.recorder.recordRateLimits(model, snapshot);
  }
}
