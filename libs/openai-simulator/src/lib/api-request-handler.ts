import { IncomingMessage, ServerResponse } from 'node:http';
import { readApiRequest, validateApiRequest, ValidApiRequest } from './api-request';
import { chatCompletionChunkEvents, chatCompletionObject } from './chat-completions-api';
import { embeddingsInputTokens, embeddingsObject } from './embeddings-api';
import { FaultInjector } from './fault-injector';
import { GeneratedAnswer } from './generated-answer';
import { isGone } from './http-io';
import { chatInputText, responsesInputText } from './input-text';
import { UnsupportedSchemaError } from './json-schema-sample';
import { snapshotModelName } from './model-names';
import { chatOutputFormat, generateOutputText, responsesOutputFormat } from './output-text';
import { PendingTimers } from './pending-timers';
import { RequestIds } from './request-ids';
import { RequestRecorder } from './request-recorder';
import { responseObject, responseStreamEvents } from './responses-api';
import { ResponseWriter } from './response-writer';
import { SimulatorState } from './simulator-state';
import { computeUsage } from './token-usage';

const DEFAULT_STALL_MS = 120_000;

/** How a fault alters an otherwise normal answer. */
interface AnswerTweaks {
  outputText?: string;
  breakAfterChunks?: number;
}

/** One /v1 request: record it, apply its fault and latency, validate it, then answer it. */
export class ApiRequestHandler {
  constructor(
    private readonly state: SimulatorState,
    private readonly recorder: RequestRecorder,
    private readonly faults: FaultInjector,
    private readonly writer: ResponseWriter,
    private readonly timers: PendingTimers,
    private readonly ids: RequestIds,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
    const startedAt = Date.now();
    const info = readApiRequest(raw);
    this.recorder.record(req, path, info, startedAt);

    const fault = this.faults.next();
    const latency = this.faults.latencyMs();
    if (latency > 0) await this.timers.sleep(latency);
    if (isGone(res)) return;

    const tweaks: AnswerTweaks = {};
    switch (fault?.kind) {
      case 'status':
        return this.writer.statusFault(res, fault, info.model, startedAt);
      case 'drop':
        res.destroy();
        return;
      case 'invalid-json':
        return this.writer.invalidJson(res, info, startedAt);
      case 'stall':
        await this.timers.sleep(fault.ms ?? DEFAULT_STALL_MS, res);
        if (isGone(res)) return;
        break;
      case 'schema-mismatch':
        tweaks.outputText = '{"unexpected":true}';
        break;
      case 'stream-break':
        tweaks.breakAfterChunks = fault.afterChunks ?? 2;
        break;
    }

    const request = validateApiRequest(req.method, path, info);
    if ('status' in request) return this.writer.error(res, request, info.model, startedAt);
    if (request.endpoint === 'embeddings') return this.embed(res, request, tweaks, startedAt);
    return this.answer(res, request, info.stream, tweaks, startedAt);
  }

  private async answer(
    res: ServerResponse,
    { endpoint, body, model }: ValidApiRequest,
    stream: boolean,
    tweaks: AnswerTweaks,
    startedAt: number,
  ): Promise<void> {
    const isResponses = endpoint === 'responses';
    const format = isResponses ? responsesOutputFormat(body) : chatOutputFormat(body);
    let text: string;
    try {
      text = tweaks.outputText ?? generateOutputText(format, this.state.random);
    } catch (error) {
      if (!(error instanceof UnsupportedSchemaError)) throw error;
      const param = format.kind === 'json_schema' ? format.param : undefined;
      const problem = { status: 400, message: `Invalid schema: ${error.message}`, param, code: 'invalid_json_schema' };
      return this.writer.error(res, problem, model, startedAt);
    }

    const inputText = isResponses ? responsesInputText(body) : chatInputText(body);
    const answer: GeneratedAnswer = {
      id: this.ids.next(isResponses ? 'resp_' : 'chatcmpl-'),
      itemId: this.ids.next('msg_'),
      createdAt: Math.floor(Date.now() / 1000),
      model: snapshotModelName(model),
      text,
      usage: computeUsage(inputText, text, model, this.state.options),
    };
    const headers = this.writer.headers(model, answer.usage.totalTokens, startedAt);

    if (stream) {
      const events = isResponses ? responseStreamEvents(body, answer) : chatCompletionChunkEvents(body, answer);
      return this.writer.stream(res, events, headers, tweaks.breakAfterChunks);
    }
    const object = isResponses ? responseObject(body, answer, 'completed') : chatCompletionObject(answer);
    this.writer.json(res, object, headers, tweaks.breakAfterChunks !== undefined);
  }

  private embed(res: ServerResponse, { body, model }: ValidApiRequest, tweaks: AnswerTweaks, startedAt: number): void {
    const promptTokens = embeddingsInputTokens(body);
    const headers = this.writer.headers(model, promptTokens, startedAt);
    this.writer.json(res, embeddingsObject(body, model, promptTokens, this.state.random), headers, tweaks.breakAfterChunks !== undefined);
  }
}
