// Case 1, one variant per process: nanoseconds per call of an async method that resolves at once
// with a Responses-shaped result. --variant=bare | floor | instrumented (| bare-als, a diagnostic).
//
// Each variant runs in a fresh process: @Instrumented uses AsyncLocalStorage, and once any
// AsyncLocalStorage is enabled Node 20 runs promise hooks for every promise in the process. Measuring
// the bare method in the same process afterwards would hide that cost, so the parent alternates
// processes instead and compares medians of the same run.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { args, elapsedNs, loadLibrary, median, nowNs, require, runMain, sumOfLines } from '../lib/common.mjs';
import { OUR_CALL_LINE } from '../lib/otel-peer.mjs';

const CAPABILITY = 'bench';
const OPERATION = 'respond';
const BATCH = 1000; // calls between two scrapes in the "with scrape" loop

/** What `client.responses.create` resolves with, usage included. */
const RESPONSE = Object.freeze({
  id: 'resp_bench',
  object: 'response',
  created_at: 1_700_000_000,
  status: 'completed',
  model: 'gpt-4o-mini',
  output: [
    {
      type: 'message',
      id: 'msg_bench',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'A short answer.', annotations: [] }],
    },
  ],
  usage: {
    input_tokens: 42,
    input_tokens_details: { cached_tokens: 16 },
    output_tokens: 17,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 59,
  },
});

/** The method's own work: a synchronous answer, so only the instrumentation is measured. */
function respond(input) {
  return input >= 0 ? RESPONSE : undefined;
}

async function bareService() {
  class Service {
    async respond(input) {
      return respond(input);
    }
  }
  return { service: new Service(), close: async () => undefined };
}

/**
 * Diagnostic, not one of (a) to (c): the bare method run inside AsyncLocalStorage.run, as
 * @Instrumented runs it, so that the share of (c) that is Node's promise hooks can be told apart.
 */
async function bareAlsService() {
  const storage = new AsyncLocalStorage();
  const context = {};
  class Service {
    async respond(input) {
      return respond(input);
    }
  }
  const inner = new Service();
  const service = { respond: (input) => storage.run(context, () => inner.respond(input)) };
  return { service, close: async () => undefined };
}

/**
 * (b) The floor: the least hand-written prom-client code that records the seed's samples for one
 * call: requests_total +1 {capability, operation, status}, one duration_ms observation with the same
 * labels, and tokens_total += input / output {capability, operation, type, model}. Label objects that
 * do not depend on the result are built once; the token labels need the model of the result.
 */
async function floorService(promClient) {
  const lib = loadLibrary();
  const requests = new promClient.Counter({
    name: lib.OPENAI_API_REQUESTS_TOTAL,
    help: 'OpenAI API logical operations by final outcome',
    labelNames: ['capability', 'operation', 'status'],
  });
  const duration = new promClient.Histogram({
    name: lib.OPENAI_API_REQUEST_DURATION_MS,
    help: 'Duration of OpenAI API logical operations in milliseconds',
    labelNames: ['capability', 'operation', 'status'],
    buckets: [...lib.DEFAULT_DURATION_BUCKETS_MS],
  });
  const tokens = new promClient.Counter({
    name: lib.OPENAI_API_TOKENS_TOTAL,
    help: 'OpenAI API tokens used by successful operations',
    labelNames: ['capability', 'operation', 'type', 'model'],
  });
  const success = { capability: CAPABILITY, operation: OPERATION, status: 'success' };
  const failure = { capability: CAPABILITY, operation: OPERATION, status: 'failure' };
  class Service {
    async respond(input) {
      const startedAt = performance.now();
      let result;
      try {
        result = respond(input);
      } catch (error) {
        requests.inc(failure);
        throw error;
      }
      requests.inc(success);
      duration.observe(success, performance.now() - startedAt);
      const { model, usage } = result;
      tokens.inc({ capability: CAPABILITY, operation: OPERATION, type: 'input', model }, usage.input_tokens);
      tokens.inc({ capability: CAPABILITY, operation: OPERATION, type: 'output', model }, usage.output_tokens);
      return result;
    }
  }
  return { service: new Service(), close: async () => undefined };
}

/** (c) The same bare method under `@Instrumented`, with the library's module active. */
async function instrumentedService() {
  const { __decorate } = require('tslib');
  const { NestFactory } = require('@nestjs/core');
  const lib = loadLibrary();
  class Service {
    async respond(input) {
      return respond(input);
    }
  }
  // Exactly what `tsc` emits for `@Instrumented('bench', 'respond') async respond(...)`.
  __decorate([lib.Instrumented(CAPABILITY, OPERATION)], Service.prototype, 'respond', null);
  const app = await NestFactory.createApplicationContext(
    lib.OpenAiMetricsModule.forRoot({ metricsPath: false, defaultMetrics: false }),
    { logger: false },
  );
  return { service: new Service(), close: () => app.close() };
}

let sink = 0;
let made = 0;

async function loop(service, calls, scrape, register) {
  for (let done = 0; done < calls; done += BATCH) {
    for (let i = 0; i < BATCH; i++) {
      const result = await service.respond(i);
      sink += result.usage.total_tokens;
    }
    made += BATCH;
    if (scrape) sink += (await register.metrics()).length;
  }
}

async function main() {
  const { variant = 'bare', calls = '50000', samples = '7', warmup = '3' } = args();
  const promClient = require('prom-client');
  promClient.register.clear();
  const factories = {
    bare: bareService,
    'bare-als': bareAlsService,
    floor: () => floorService(promClient),
    instrumented: instrumentedService,
  };
  if (!factories[variant]) throw new Error(`unknown variant ${variant}`);
  const { service, close } = await factories[variant]();
  const n = Number(calls);
  for (let i = 0; i < Number(warmup); i++) {
    await loop(service, n, false, promClient.register);
    await loop(service, n, true, promClient.register);
  }
  const plain = [];
  const scraped = [];
  for (let s = 0; s < Number(samples); s++) {
    // Alternate the two loops so that drift inside the process hits both alike.
    for (const scrape of s % 2 ? [true, false] : [false, true]) {
      const start = nowNs();
      await loop(service, n, scrape, promClient.register);
      (scrape ? scraped : plain).push(elapsedNs(start) / n);
    }
  }
  const exposition = await promClient.register.metrics();
  await close();
  promClient.register.clear();
  return {
    variant,
    nsPerCall: median(plain),
    nsPerCallWithScrape: median(scraped),
    samples: { plain, scraped },
    sink: sink > 0,
    calls: made,
    recordedCalls: sumOfLines(exposition, OUR_CALL_LINE),
    seriesLines: exposition.split('\n').filter((line) => line && !line.startsWith('#')).length,
  };
}

runMain(main);
