'use strict';
// The OpenAI calls of the peer and breakdown cases: the request mix, the replay transport, and the
// three ways of making the calls (bare SDK, and ours through OpenAiClientService + @Instrumented).
const { loadLibrary } = require('./common.cjs');

const MODEL = 'gpt-4o-mini';
const INPUT = 'Prometheus scrapes metrics from instrumented services over HTTP at a fixed interval.';

/** The request mix: Responses and Chat Completions, alternately, non-streaming. */
function request(i) {
  return i % 2 === 0
    ? { kind: 'response', body: { model: MODEL, input: INPUT } }
    : { kind: 'chat', body: { model: MODEL, messages: [{ role: 'user', content: INPUT }] } };
}

function sdkClient(options) {
  const { OpenAI } = require('openai');
  return new OpenAI(options);
}

/**
 * Replay transport: one real answer per endpoint is fetched from the simulator up front (body and
 * headers, x-ratelimit-* included); then the SDK's `fetch` hands out a fresh copy of it without any
 * socket I/O. The SDK still builds each request and parses each answer, so every mode does the same
 * work minus the network, and the difference between modes is the instrumentation alone.
 */
async function replayFetch(baseURL) {
  const recorded = {};
  for (const i of [0, 1]) {
    const { kind, body } = request(i);
    const path = kind === 'response' ? '/responses' : '/chat/completions';
    const answer = await fetch(baseURL + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`simulator answered ${answer.status} on ${path}`);
    recorded[path] = { status: answer.status, headers: [...answer.headers], text: await answer.text() };
  }
  return async (url) => {
    const path = String(url).endsWith('/responses') ? '/responses' : '/chat/completions';
    const { status, headers, text } = recorded[path];
    return new Response(text, { status, headers });
  };
}

/** The method a service would write without our library (mode bare, and mode otel underneath it). */
function plainService(client) {
  return {
    async call(i) {
      const { kind, body } = request(i);
      return kind === 'response' ? client.responses.create(body) : client.chat.completions.create(body);
    },
  };
}

/** OpenAiClientService + @Instrumented, in a Nest application context started with forRoot. */
async function oursService(options) {
  const { __decorate, __metadata, __param } = require('tslib');
  const { Inject, Injectable, Module } = require('@nestjs/common');
  const { NestFactory } = require('@nestjs/core');
  const lib = loadLibrary();
  class Service {
    constructor(openai) {
      this.openai = openai;
    }
    async call(i) {
      const { kind, body } = request(i);
      return kind === 'response' ? this.openai.createResponse(body) : this.openai.createChatCompletion(body);
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
        imports: [
          lib.OpenAiMetricsModule.forRoot({
            metricsPath: false,
            defaultMetrics: false,
            openai: options,
          }),
        ],
        providers: [Decorated],
      }),
    ],
    BenchModule,
  );
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  return { service: app.get(Decorated), close: () => app.close(), lib };
}

module.exports = { request, sdkClient, replayFetch, plainService, oursService };
