// Case 2, what ours adds above Node 20's AsyncLocalStorage floor, in one process: replay transport,
// sequential calls, variants interleaved in chunks, for the request mixes given (--mixes=generation,
// unpriced | embeddings: mixes whose garbage differs a lot get a process each, or one would pay for
// the other's collections):
//   sdk   the bare SDK call inside the library's own AsyncLocalStorage.run, as the floor's bare call
//         is inside one (peer-replay.mjs): the same promise hooks and the same run() as ours, so
//         ours − sdk is everything above the floor and nothing of the floor twice
//   ours  the SDK client of OpenAiClientService inside an @Instrumented method
// --config picks the module's options, one configuration per process as in an app:
//   full     as an app configures it (the price database, the unpriced model kept as a label)
//   off      the same with `enabled: false`: the decorator and the client's observation point run,
//            nothing is recorded
//   tenant   `full` plus `tenant: { resolve }` (a constant tenant)
// Run with INTERLEAVED_NODE_ARGS (lib/interleaved.mjs). The floor itself (the hooks' cost on the
// bare call) is measured in peer-replay.mjs, whose process has no AsyncLocalStorage before its
// chunks turn one on.
import { join } from 'node:path';
import { args, LIB_DIST, require, runMain, sumOfLines } from '../lib/common.mjs';
import { measureInterleaved } from '../lib/interleaved.mjs';
import {
  EMBEDDING_MODEL,
  oursService,
  plainService,
  replayFetch,
  requestMix,
  sdkClient,
  UNPRICED_MODEL,
} from '../lib/openai-calls.mjs';
import { OUR_CALL_LINE } from '../lib/otel-peer.mjs';

const TENANT = 'tenant-a';
/** The store of the sdk variant's run(): its calls go through a client the library does not observe, so nothing reads it. */
const NO_OPERATION = {};

const CONFIGS = {
  full: {},
  off: { enabled: false },
  tenant: { tenant: { resolve: () => TENANT } },
};

/** What the exposition says was recorded, for the parent's checks. */
const RECORDED = {
  calls: OUR_CALL_LINE,
  tokens: /^openai_api_tokens_total\{/,
  pricedCost: /^openai_api_cost_usd_total\{.*model="gpt-4o-mini/,
  embeddingTokens: new RegExp(`^openai_api_tokens_total\\{.*model="${EMBEDDING_MODEL}"`),
  unpricedCalls: new RegExp(`^openai_api_unpriced_calls_total\\{.*model="${UNPRICED_MODEL}"`),
  tenantCalls: new RegExp(`^openai_api_tenant_requests_total\\{.*tenant="${TENANT}"`),
};

/** The library's own failures by stage (none expected). */
function instrumentationErrors(text) {
  const errors = {};
  for (const [, stage, value] of text.matchAll(/^openai_api_instrumentation_errors_total\{stage="([^"]*)"\} (\S+)$/gm)) errors[stage] = Number(value);
  return errors;
}

async function main() {
  const { baseURL, config = 'full', mixes = 'generation', rounds = '60', chunk = '100', warmup = '2000' } = args();
  if (!CONFIGS[config]) throw new Error(`unknown config ${config}`);
  const replay = await replayFetch(baseURL);
  const options = { apiKey: 'sk-bench', baseURL, maxRetries: 0, fetch: replay.fetch };
  const ours = await oursService({ openai: options, models: [UNPRICED_MODEL], ...CONFIGS[config] });
  const plain = sdkClient(options);
  // The library's AsyncLocalStorage, reached through its built module (the same instance ours uses).
  const { runInOperation } = require(join(LIB_DIST, 'src/lib/context/operation-context.js'));
  const inLibraryStorage = (call) => (i) => runInOperation(NO_OPERATION, call, undefined, [i]);
  const variants = {};
  for (const mix of mixes.split(',')) {
    const request = requestMix(mix);
    variants[`${mix}:ours`] = { call: (i) => ours.service.call(i, request) };
    variants[`${mix}:sdk`] = { call: inLibraryStorage(plainService(plain, request).call) };
  }
  const plan = { rounds: Number(rounds), chunk: Number(chunk), warmup: Number(warmup) };
  const { cpuUs, wallUs, bytes, calls, collectionsInChunks } = await measureInterleaved(variants, plan);
  const text = await require('prom-client').register.metrics();
  await ours.close();
  const oursCalls = Object.fromEntries(mixes.split(',').map((mix) => [mix, calls[`${mix}:ours`]]));
  const byMix = Object.fromEntries(
    mixes.split(',').map((mix) => {
      const [sdk, mine] = [cpuUs[`${mix}:sdk`], cpuUs[`${mix}:ours`]];
      const wall = { sdk: wallUs[`${mix}:sdk`], ours: wallUs[`${mix}:ours`] };
      return [mix, { sdk, ours: mine, aboveFloor: mine - sdk, bytesAbove: bytes[`${mix}:ours`] - bytes[`${mix}:sdk`], wallUs: wall }];
    }),
  );
  return {
    config,
    byMix,
    collectionsInChunks,
    oursCalls,
    embeddingTokensSent: (oursCalls.embeddings ?? 0) * replay.embeddingTokens,
    instrumentationErrors: instrumentationErrors(text),
    recorded: Object.fromEntries(Object.entries(RECORDED).map(([key, pattern]) => [key, sumOfLines(text, pattern)])),
    example: text.split('\n').find((line) => OUR_CALL_LINE.test(line)),
  };
}

runMain(main);
