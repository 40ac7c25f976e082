import { OpenAI } from 'openai';
import { currentOperation, type OperationContext } from '../context/operation-context';
import { readJsonUsage } from './json-usage.reader';
import { withoutSnapshotDate } from './model-name';
import { ObservedSseBody } from './observed-sse-body';
import { describeRequest, type RequestDescription, type RequestOptions } from './request-description';

/** What an observed client reports to the module that observes it. */
export interface SdkObserverHooks {
  readonly deployments: Readonly<Record<string, string>> | undefined;
  /** Latest `x-ratelimit-*` headers under the model; parsed only when scraped. */
  rateLimits(model: string | undefined, headers: Headers): void;
  instrumentationError(stage: string, error: unknown): void;
}

type Fetch = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
type PrepareRequest = (request: RequestInit, details: { url: string; options: unknown }) => Promise<void> | undefined;

interface ObservableClient {
  maxRetries: number;
  fetch: Fetch;
  prepareRequest: PrepareRequest;
}

const DESCRIPTION = Symbol('openai-monitoring.request');
const OBSERVED = Symbol('openai-monitoring.observed');

type DescribedInit = RequestInit & { [DESCRIPTION]?: RequestDescription };

/**
 * The one observation point: every request the client sends, whatever the endpoint or SDK path
 * (resource methods, `.stream()` helpers, `runTools`, `withResponse()`, pagination), passes the
 * SDK's `prepareRequest` hook, where its options still hold the request body, and then its
 * `fetch`, where the answer arrives. The description made in the first travels to the second on
 * the RequestInit the SDK spreads into `fetch`'s options. The client's own retries are turned off:
 * `@Instrumented` decides retries, so each request here is exactly one attempt.
 */
export function observeClient<T extends OpenAI>(client: T, hooks: SdkObserverHooks): T {
  const sdk = client as unknown as ObservableClient & { [OBSERVED]?: SdkObserverHooks };
  if (sdk[OBSERVED] !== undefined) return client;
  sdk[OBSERVED] = hooks;
  sdk.maxRetries = 0;
  const prepare = sdk.prepareRequest;
  // The SDK's own hook is an empty async method, which the SDK awaits: not calling it spares a promise per request.
  const inherited = prepare === (OpenAI.prototype as unknown as ObservableClient).prepareRequest;
  sdk.prepareRequest = function (this: unknown, request, details) {
    try {
      (request as DescribedInit)[DESCRIPTION] = describeRequest(details.options as RequestOptions, hooks.deployments);
    } catch (error) {
      hooks.instrumentationError('request', error);
    }
    return inherited ? undefined : prepare.call(this, request, details);
  };
  const fetch = sdk.fetch;
  sdk.fetch = (url, init) => {
    const description = (init as DescribedInit | undefined)?.[DESCRIPTION];
    const sent = fetch(url, init);
    return description === undefined ? sent : sent.then((response) => observeResponse(response, description, init?.signal, hooks));
  };
  return client;
}

/**
 * Hands the response on as it is, except that a JSON answer reports its usage when the SDK parses
 * it, and the SSE body of a streamed request is read through an `ObservedSseBody` (its first chunk
 * before the SDK sees it: a failure there rejects, as the transport's failure). The SDK picks its
 * parser by the request's `stream` option, not by the response's content type, and so does this.
 * A failure of the observation itself is counted, and the response passes untouched.
 */
function observeResponse(
  response: Response,
  call: RequestDescription,
  signal: AbortSignal | null | undefined,
  hooks: SdkObserverHooks,
): Response | Promise<Response> {
  let stream: ObservedSseBody;
  try {
    if (call.model !== undefined) hooks.rateLimits(call.model, response.headers);
    const context = currentOperation();
    if (!response.ok || context === undefined) return response;
    if (!call.stream || !response.body) {
      if (call.endpoint !== 'speech') readUsageWhenParsed(response, call, context, hooks);
      else if (call.speechCharacters) context.reportUsage(call.model, { units: { speechCharacters: call.speechCharacters } });
      return response;
    }
    stream = new ObservedSseBody(response.body, call.endpoint, call.model, context, signal, (error) =>
      hooks.instrumentationError('stream', error),
    );
  } catch (error) {
    hooks.instrumentationError('response', error);
    return response;
  }
  return stream.prime().then(() => {
    const observed = new Response(stream.stream, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(observed, 'url', { value: response.url });
    return observed;
  });
}

const PARSE = Symbol('openai-monitoring.parse');

/** What `parseWithUsage` needs to know about the response it parses. */
interface PendingParse {
  readonly json: () => Promise<unknown>;
  readonly call: RequestDescription;
  readonly context: OperationContext;
  readonly hooks: SdkObserverHooks;
}

type WatchedResponse = Response & { [PARSE]: PendingParse };

/**
 * The SDK parses JSON answers with `response.json()` (and only those); usage is read from what it
 * parsed, never parsed twice. The replacement is one shared function, and the call's state a plain
 * property: a closure per response stored on it made V8's minor collections keep each answer alive
 * and promote it (about 4 KiB more per call than the bare SDK), and the scavenges that followed
 * cost more than all of the rest of the observation.
 */
function readUsageWhenParsed(response: Response, call: RequestDescription, context: OperationContext, hooks: SdkObserverHooks): void {
  (response as WatchedResponse)[PARSE] = { json: response.json, call, context, hooks };
  (response as { json: () => Promise<unknown> }).json = parseWithUsage;
}

function parseWithUsage(this: WatchedResponse): Promise<unknown> {
  const pending = (this as WatchedResponse | undefined)?.[PARSE];
  // Called detached from its response: undici's own `json` throws as it would have.
  if (pending === undefined) return Reflect.apply(Response.prototype.json, this, []);
  return pending.json.call(this).then((data: unknown) => {
    reportParsedUsage(this, pending, data);
    return data;
  });
}

function reportParsedUsage(response: Response, { call, context, hooks }: PendingParse, data: unknown): void {
  try {
    const report = readJsonUsage(call.endpoint, data);
    const model = call.model ?? (report?.responseModel ? withoutSnapshotDate(report.responseModel) : undefined);
    if (call.model === undefined && model !== undefined) hooks.rateLimits(model, response.headers);
    if (report) context.reportUsage(model, report);
  } catch (error) {
    hooks.instrumentationError('usage', error);
  }
}
