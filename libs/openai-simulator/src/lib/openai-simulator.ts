import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  ApiRequestInfo,
  ApiRequestProblem,
  readApiRequest,
  validateApiRequest,
  ValidApiRequest,
} from './api-request';
import { chatCompletionChunkEvents, chatCompletionObject } from './chat-completions-api';
import { handleControlRequest, SimulatorControl } from './control-api';
import { GeneratedAnswer } from './generated-answer';
import { isGone, readBody, sendBody, sendJson } from './http-io';
import { chatInputText, responsesInputText } from './input-text';
import { UnsupportedSchemaError } from './json-schema-sample';
import { snapshotModelName } from './model-names';
import { openAiErrorBody } from './openai-error';
import { chatOutputFormat, generateOutputText, responsesOutputFormat } from './output-text';
import { PendingTimers } from './pending-timers';
import { RateLimitTracker } from './rate-limit-window';
import { RecordedRequest, RequestLog } from './recorded-request';
import { RequestIds } from './request-ids';
import { responseObject, responseStreamEvents } from './responses-api';
import { SeededRandom } from './seeded-random';
import { SimulatedFault } from './simulated-fault';
import {
  DEFAULT_SIMULATOR_OPTIONS,
  resolveSimulatorOptions,
  ResolvedSimulatorOptions,
  SimulatorOptions,
} from './simulator-options';
import { computeUsage } from './token-usage';

type Headers = Record<string, string>;

const RECORDED_REQUESTS_KEPT = 10_000;
const DEFAULT_STALL_MS = 120_000;
const PERMANENT_FAULT: SimulatedFault = { kind: 'status', status: 400 };
const TRANSIENT_FAULTS: readonly SimulatedFault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, headers: { 'retry-after-ms': '1' } },
];

/** How a fault alters an otherwise normal answer. */
interface AnswerTweaks {
  outputText?: string;
  breakAfterChunks?: number;
}

/**
 * An OpenAI-compatible HTTP server (Responses and Chat Completions, streaming or not) with
 * deterministic usage (see estimateTokens), x-ratelimit-* headers and injectable faults. See README.md.
 */
export class OpenAiSimulator {
  readonly port: number;
  readonly baseURL: string;

  private options: ResolvedSimulatorOptions;
  private random: SeededRandom;
  private readonly faults: SimulatedFault[] = [];
  private readonly log = new RequestLog(RECORDED_REQUESTS_KEPT);
  private total = 0;
  private readonly byPath = new Map<string, number>();
  private readonly rateLimits = new RateLimitTracker();
  private readonly timers = new PendingTimers();
  private readonly ids = new RequestIds();
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly startOptions: ResolvedSimulatorOptions,
  ) {
    this.options = startOptions;
    this.random = new SeededRandom(startOptions.seed);
    const { port } = server.address() as AddressInfo;
    this.port = port;
    const host = startOptions.host.includes(':') ? `[${startOptions.host}]` : startOptions.host;
    this.baseURL = `http://${host}:${port}/v1`;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.route(req, res));
  }

  static async start(options: SimulatorOptions = {}): Promise<OpenAiSimulator> {
    const resolved = resolveSimulatorOptions(DEFAULT_SIMULATOR_OPTIONS, options);
    const server = createServer();
    // Longer than clients' idle timeouts (undici: 4 s), so the client always closes idle sockets first.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: resolved.host, port: resolved.port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new OpenAiSimulator(server, resolved);
  }

  /** Attempts received on /v1/*, oldest first (the last 10,000). */
  get requests(): readonly RecordedRequest[] {
    return this.log.toArray();
  }

  /** Total attempts received on /v1/* since start or reset(). */
  get requestCount(): number {
    return this.total;
  }

  /** Changes options at run time; host and port cannot change. Throws a RangeError on invalid values. */
  configure(options: Partial<SimulatorOptions>): void {
    if (options.host !== undefined || options.port !== undefined) {
      throw new RangeError('host and port cannot be changed at run time');
    }
    this.options = resolveSimulatorOptions(this.options, options);
    if (options.seed !== undefined) this.random = new SeededRandom(options.seed);
  }

  /** FIFO: each of the next requests to /v1/* gets one of these faults, before any random fault. */
  enqueueFaults(...faults: SimulatedFault[]): void {
    this.faults.push(...faults);
  }

  /** Clears queued faults, recorded requests, counters and rate-limit windows; restores the start options. */
  reset(): void {
    this.faults.length = 0;
    this.log.clear();
    this.total = 0;
    this.byPath.clear();
    this.rateLimits.clear();
    this.options = this.startOptions;
    this.random = new SeededRandom(this.startOptions.seed);
  }

  /** Closes the server and every connection, and ends pending stalls and delays. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
      this.timers.cancelAll();
    });
    return this.stopping;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (path.startsWith('/v1/')) {
      readBody(req, (raw) => {
        this.handleApi(req, res, path, raw).catch(() => {
          if (!res.headersSent) sendJson(res, 500, openAiErrorBody(500));
          else res.destroy();
        });
      });
    } else if (path === '/health' && req.method === 'GET') {
      sendJson(res, 200, { status: 'ok' });
    } else if (path.startsWith('/__sim/')) {
      readBody(req, (raw) => {
        const answer = handleControlRequest(this.control, req.method ?? 'GET', path, raw);
        sendJson(res, answer.status, answer.body);
      });
    } else {
      sendJson(res, 404, openAiErrorBody(404, { message: `Invalid URL (${req.method} ${path})` }));
    }
  }

  private readonly control: SimulatorControl = {
    enqueueFaults: (faults) => {
      this.enqueueFaults(...faults);
      return this.faults.length;
    },
    configure: (options) => this.configure(options),
    reset: () => this.reset(),
    stats: () => ({ requestCount: this.total, byPath: Object.fromEntries(this.byPath) }),
  };

  private async handleApi(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
    const startedAt = Date.now();
    const info = readApiRequest(raw);
    this.record(req, path, info, startedAt);

    const fault = this.faults.shift() ?? this.randomFault();
    const latency = this.latencyMs();
    if (latency > 0) await this.timers.sleep(latency);
    if (isGone(res)) return;

    const tweaks: AnswerTweaks = {};
    switch (fault?.kind) {
      case 'status':
        return this.sendStatusFault(res, fault, info.model, startedAt);
      case 'drop':
        res.destroy();
        return;
      case 'invalid-json':
        return this.sendInvalidJson(res, info, startedAt);
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
    if ('status' in request) return this.sendError(res, request, info.model, startedAt);
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
      text = tweaks.outputText ?? generateOutputText(format, this.random);
    } catch (error) {
      if (!(error instanceof UnsupportedSchemaError)) throw error;
      const param = format.kind === 'json_schema' ? format.param : undefined;
      return this.sendError(res, { status: 400, message: `Invalid schema: ${error.message}`, param }, model, startedAt);
    }

    const inputText = isResponses ? responsesInputText(body) : chatInputText(body);
    const answer: GeneratedAnswer = {
      id: this.ids.next(isResponses ? 'resp_' : 'chatcmpl-'),
      itemId: this.ids.next('msg_'),
      createdAt: Math.floor(Date.now() / 1000),
      model: snapshotModelName(model),
      text,
      usage: computeUsage(inputText, text, model, this.options),
    };
    const headers = this.apiHeaders(model, answer.usage.totalTokens, startedAt);

    if (stream) {
      const events = isResponses ? responseStreamEvents(body, answer) : chatCompletionChunkEvents(body, answer);
      return this.writeStream(res, events, headers, tweaks.breakAfterChunks);
    }
    const json = JSON.stringify(isResponses ? responseObject(body, answer, 'completed') : chatCompletionObject(answer));
    if (tweaks.breakAfterChunks === undefined) return sendBody(res, 200, json, headers);
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.write(json.slice(0, json.length >> 1), () => res.destroy());
  }

  private record(req: IncomingMessage, path: string, info: ApiRequestInfo, at: number): void {
    this.total++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
    const retryCount = req.headers['x-stainless-retry-count'];
    this.log.add({
      path,
      model: info.model,
      stream: info.stream,
      retryCount: Array.isArray(retryCount) ? retryCount[0] : retryCount,
      authorization: req.headers.authorization !== undefined,
      at,
    });
  }

  private randomFault(): SimulatedFault | undefined {
    const { permanentFaultRate, transientFaultRate } = this.options;
    if (permanentFaultRate === 0 && transientFaultRate === 0) return undefined;
    const draw = this.random.next();
    if (draw < permanentFaultRate) return PERMANENT_FAULT;
    if (draw < permanentFaultRate + transientFaultRate) return this.random.pick(TRANSIENT_FAULTS);
    return undefined;
  }

  private latencyMs(): number {
    const { latencyMs, latencyJitterMs } = this.options;
    return latencyJitterMs > 0 ? latencyMs + this.random.next() * latencyJitterMs : latencyMs;
  }

  private apiHeaders(model: string | undefined, tokens: number, startedAt: number, exhausted = false): Headers {
    const limits = this.rateLimits.record(model ?? '', tokens, this.options.rateLimit);
    return {
      'x-request-id': this.ids.next('req_'),
      'openai-processing-ms': String(Date.now() - startedAt),
      'openai-version': '2020-10-01',
      'x-ratelimit-limit-requests': String(limits.limitRequests),
      'x-ratelimit-remaining-requests': exhausted ? '0' : String(limits.remainingRequests),
      'x-ratelimit-reset-requests': limits.resetRequests,
      'x-ratelimit-limit-tokens': String(limits.limitTokens),
      'x-ratelimit-remaining-tokens': String(limits.remainingTokens),
      'x-ratelimit-reset-tokens': limits.resetTokens,
    };
  }

  private sendError(res: ServerResponse, problem: ApiRequestProblem, model: string | undefined, startedAt: number): void {
    const { status, message, param, code } = problem;
    sendJson(res, status, openAiErrorBody(status, { message, param, code }), this.apiHeaders(model, 0, startedAt));
  }

  private sendStatusFault(
    res: ServerResponse,
    fault: Extract<SimulatedFault, { kind: 'status' }>,
    model: string | undefined,
    startedAt: number,
  ): void {
    const headers = this.apiHeaders(model, 0, startedAt, fault.status === 429);
    for (const [name, value] of Object.entries(fault.headers ?? {})) headers[name.toLowerCase()] = value;
    sendBody(res, fault.status, fault.body ?? JSON.stringify(openAiErrorBody(fault.status)), headers);
  }

  private sendInvalidJson(res: ServerResponse, info: ApiRequestInfo, startedAt: number): void {
    const headers = this.apiHeaders(info.model, 0, startedAt);
    if (info.stream) sendBody(res, 200, 'data: {"type": this is not JSON\n\n', headers, 'text/event-stream; charset=utf-8');
    else sendBody(res, 200, '{"id": "resp_", this is not JSON', headers);
  }

  private async writeStream(
    res: ServerResponse,
    events: string[],
    headers: Headers,
    breakAfter: number | undefined,
  ): Promise<void> {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const delay = this.options.streamChunkDelayMs;
    if (breakAfter === undefined && delay === 0) {
      res.end(events.join(''));
      return;
    }
    const count = breakAfter === undefined ? events.length : Math.min(breakAfter, events.length);
    if (count === 0) {
      res.flushHeaders();
      setImmediate(() => res.destroy());
      return;
    }
    for (let i = 0; i < count; i++) {
      if (i > 0 && delay > 0) {
        await this.timers.sleep(delay, res);
        if (isGone(res)) return;
      }
      const last = i === count - 1;
      // A stream break waits for the last chunk to be flushed, then cuts the connection mid-stream.
      res.write(events[i], last && breakAfter !== undefined ? () => res.destroy() : undefined);
    }
    if (breakAfter === undefined) res.end();
  }
}
