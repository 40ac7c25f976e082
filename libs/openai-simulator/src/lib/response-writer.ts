import { ServerResponse } from 'node:http';
import { ApiRequestInfo, ApiRequestProblem } from './api-request';
import { isGone, sendBody, sendJson } from './http-io';
import { openAiErrorBody } from './openai-error';
import { PendingTimers } from './pending-timers';
import { RateLimitTracker } from './rate-limit-window';
import { RequestIds } from './request-ids';
import { SimulatedFault } from './simulated-fault';
import { SimulatorState } from './simulator-state';

export type ResponseHeaders = Record<string, string>;

/** Writes /v1 answers: the headers every answer carries, errors, faulty bodies, JSON and SSE streams. */
export class ResponseWriter {
  private readonly rateLimits = new RateLimitTracker();

  constructor(
    private readonly state: SimulatorState,
    private readonly timers: PendingTimers,
    private readonly ids: RequestIds,
  ) {}

  clearRateLimits(): void {
    this.rateLimits.clear();
  }

  /** x-request-id, openai-processing-ms and x-ratelimit-*, counting `tokens` against the model's window. */
  headers(model: string | undefined, tokens: number, startedAt: number, exhausted = false): ResponseHeaders {
    const limits = this.rateLimits.record(model ?? '', tokens, this.state.options.rateLimit);
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

  /** The OpenAI error body for `problem`. */
  error(res: ServerResponse, problem: ApiRequestProblem, model: string | undefined, startedAt: number): void {
    const { status, message, param, code } = problem;
    sendJson(res, status, openAiErrorBody(status, { message, param, code }), this.headers(model, 0, startedAt));
  }

  statusFault(res: ServerResponse, fault: Extract<SimulatedFault, { kind: 'status' }>, model: string | undefined, startedAt: number): void {
    const headers = this.headers(model, 0, startedAt, fault.status === 429);
    for (const [name, value] of Object.entries(fault.headers ?? {})) headers[name.toLowerCase()] = value;
    sendBody(res, fault.status, fault.body ?? JSON.stringify(openAiErrorBody(fault.status)), headers);
  }

  invalidJson(res: ServerResponse, info: ApiRequestInfo, startedAt: number): void {
    const headers = this.headers(info.model, 0, startedAt);
    if (info.stream) sendBody(res, 200, 'data: {"type": this is not JSON\n\n', headers, 'text/event-stream; charset=utf-8');
    else sendBody(res, 200, '{"id": "resp_", this is not JSON', headers);
  }

  /** A 200 JSON answer; `breakMidway` sends half of it, then destroys the socket. */
  json(res: ServerResponse, body: unknown, headers: ResponseHeaders, breakMidway: boolean): void {
    const json = JSON.stringify(body);
    if (!breakMidway) return sendBody(res, 200, json, headers);
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.write(json.slice(0, json.length >> 1), () => res.destroy());
  }

  /** SSE `events`, `streamChunkDelayMs` apart; with `breakAfter`, that many events, then the socket is destroyed. */
  async stream(res: ServerResponse, events: string[], headers: ResponseHeaders, breakAfter: number | undefined): Promise<void> {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const delay = this.state.options.streamChunkDelayMs;
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
