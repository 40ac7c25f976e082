// The OpenAI calls of the SDK cases: the request mixes, the replay transport, and the ways of making
// the calls (bare SDK, and ours: the SDK client of OpenAiClientService inside an @Instrumented method).
import { loadLibrary, require } from './common.mjs';

export const MODEL = 'gpt-4o-mini';
export const EMBEDDING_MODEL = 'text-embedding-3-small';
/** A model the price database does not know (kept as a `model` label through the `models` option). */
export const UNPRICED_MODEL = 'bench-unpriced-model';
const INPUT = 'Prometheus scrapes metrics from instrumented services over HTTP at a fixed interval.';

const PATHS = { response: '/responses', chat: '/chat/completions', embedding: '/embeddings' };

/**
 * The request mixes: `generation` alternates Responses and Chat Completions (non-streaming);
 * `unpriced` is the same with UNPRICED_MODEL; `embeddings` is `embeddings.create` with the SDK's
 * default (base64) encoding.
 */
export function requestMix(mix) {
  if (mix === 'embeddings') return () => ({ kind: 'embedding', body: { model: EMBEDDING_MODEL, input: INPUT } });
  if (mix !== 'generation' && mix !== 'unpriced') throw new Error(`unknown request mix ${mix}`);
  const model = mix === 'unpriced' ? UNPRICED_MODEL : MODEL;
  const response = { kind: 'response', body: { model, input: INPUT } };
  const chat = { kind: 'chat', body: { model, messages: [{ role: 'user', content: INPUT }] } };
  return (i) => (i % 2 === 0 ? response : chat);
}

/** The SDK call of one request, on any `OpenAI` client. */
export function sdkCall(client, { kind, body }) {
  if (kind === 'response') return client.responses.create(body);
  if (kind === 'chat') return client.chat.completions.create(body);
  return client.embeddings.create(body);
}

export function sdkClient(options) {
  const { OpenAI } = require('openai');
  return new OpenAI(options);
}

/**
 * Replay transport: one real answer per endpoint is fetched from the simulator up front (body and
 * headers, x-ratelimit-* included; embeddings base64-encoded, as the SDK asks by default); then the
 * SDK's `fetch` hands out a fresh copy of it without any socket I/O. The SDK still builds each
 * request and parses each answer, so every variant does the same work minus the network, and the
 * difference between variants is the instrumentation. A request for UNPRICED_MODEL gets the same
 * answers with that model in them. Also returns the input tokens of the embeddings answer.
 */
export async function replayFetch(baseURL) {
  const recorded = { [MODEL]: {}, [UNPRICED_MODEL]: {} };
  const requests = [...[0, 1].map(requestMix('generation')), requestMix('embeddings')(0)];
  for (const { kind, body } of requests) {
    const sent = kind === 'embedding' ? { ...body, encoding_format: 'base64' } : body;
    const answer = await fetch(baseURL + PATHS[kind], {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body: JSON.stringify(sent),
    });
    if (!answer.ok) throw new Error(`simulator answered ${answer.status} on ${PATHS[kind]}`);
    const text = await answer.text();
    recorded[MODEL][PATHS[kind]] = { status: answer.status, headers: [...answer.headers], text };
    recorded[UNPRICED_MODEL][PATHS[kind]] = { ...recorded[MODEL][PATHS[kind]], text: JSON.stringify({ ...JSON.parse(text), model: UNPRICED_MODEL }) };
  }
  const unpriced = `"model":"${UNPRICED_MODEL}"`;
  const replay = async (url, init) => {
    const path = Object.values(PATHS).find((p) => String(url).endsWith(p));
    const { status, headers, text } = recorded[String(init?.body).includes(unpriced) ? UNPRICED_MODEL : MODEL][path];
    return new Response(text, { status, headers });
  };
  return { fetch: replay, embeddingTokens: JSON.parse(recorded[MODEL][PATHS.embedding].text).usage.prompt_tokens };
}

/** The method a service would write without our library (bare, and the peer underneath it). */
export function plainService(client, mix) {
  return { call: (i) => sdkCall(client, mix(i)) };
}

/**
 * Ours: the SDK client of `OpenAiClientService` called inside an `@Instrumented` method, in a Nest
 * application context started with `forRoot(options)`. `call(i, mix)` takes the mix per call so that
 * one module serves every request mix of a process.
 */
export async function oursService(moduleOptions) {
  const { __decorate, __metadata, __param } = require('tslib');
  const { Inject, Injectable, Module } = require('@nestjs/common');
  const { NestFactory } = require('@nestjs/core');
  const lib = loadLibrary();
  class Service {
    constructor(openai) {
      this.openai = openai;
    }
    // The same method body as plainService's (no `async`): the two sides differ only by the decorator.
    call(i, mix) {
      return sdkCall(this.openai.client, mix(i));
    }
  }
  // What `tsc` emits for an @Injectable() class with an @Instrumented method.
  __decorate([lib.Instrumented('bench', 'call')], Service.prototype, 'call', null);
  const Decorated = __decorate(
    [Injectable(), __param(0, Inject(lib.OpenAiClientService)), __metadata('design:paramtypes', [lib.OpenAiClientService])],
    Service,
  );
  class BenchModule {}
  const AppModule = __decorate(
    [
      Module({
        // The client talks to a loopback server: its calls are priced as OpenAI's.
        imports: [lib.OpenAiMetricsModule.forRoot({ metricsPath: false, defaultMetrics: false, priceProvider: 'openai', ...moduleOptions })],
        providers: [Decorated],
      }),
    ],
    BenchModule,
  );
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  return { service: app.get(Decorated), close: () => app.close(), lib };
}
