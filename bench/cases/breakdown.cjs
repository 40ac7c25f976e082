'use strict';
// Case 2, our per-call cost and what it is made of, in one process: replay transport, sequential
// calls, the library's AsyncLocalStorage active throughout (its process-wide promise hooks are
// measured in peer-replay.cjs and added to the total by the parent). Variants are parts of our path
// knocked out one at a time by patching the built classes at run time, interleaved in chunks of
// calls so that drift hits all of them alike:
//   full       OpenAiClientService + @Instrumented as shipped
//   -headers   without reading the x-ratelimit-* headers (reportHeaders does nothing)
//   -response  also without withResponse(): the answer is awaited directly
//   -record    also without recording the outcome (begin/succeed of the recorder do nothing)
//   sdk        the bare SDK call inside the library's own AsyncLocalStorage.run (the baseline)
// The bench never ships these patches; they only exist in this process.
const { join } = require('node:path');
const { args, runCalls, LIB_DIST, median, nowNs, elapsedNs, report } = require('../lib/common.cjs');
const { oursService, plainService, replayFetch, sdkClient } = require('../lib/openai-calls.cjs');
const { OUR_CALLS, recordedCalls } = require('../lib/otel-peer.cjs');

const knock = { headers: false, response: false, record: false };

function patch(lib) {
  const client = lib.OpenAiClientService.prototype;
  const recorder = lib.OpenAiMetricsRecorder.prototype;
  const { reportHeaders, send } = client;
  const { begin, succeed } = recorder;
  client.reportHeaders = function (...a) {
    if (!knock.headers) return reportHeaders.apply(this, a);
  };
  // The shipped send() minus withResponse() (and so minus the headers): same async layer, same await.
  const sendWithoutResponse = async function (model, request) {
    const data = await request;
    return data;
  };
  client.send = function (model, request) {
    return knock.response ? sendWithoutResponse.call(this, model, request) : send.call(this, model, request);
  };
  recorder.begin = function (...a) {
    if (!knock.record) return begin.apply(this, a);
  };
  recorder.succeed = function (...a) {
    if (!knock.record) return succeed.apply(this, a);
  };
}

async function main() {
  const { baseURL, rounds = '250', chunk = '50', warmup = '3000', transport = 'replay', concurrency = '1' } = args();
  const options = { apiKey: 'sk-bench', baseURL, maxRetries: 0 };
  if (transport === 'replay') options.fetch = await replayFetch(baseURL);
  const ours = await oursService(options);
  patch(ours.lib);
  // The library's own operation context, so that only one AsyncLocalStorage exists in the process.
  const { OperationContext, runInOperation } = require(join(LIB_DIST, 'src/lib/context/operation-context.js'));
  const plain = plainService(sdkClient(options));
  const sdk = { call: (i) => runInOperation(new OperationContext(0), () => plain.call(i)) };
  const variants = {
    full: [ours.service, { headers: false, response: false, record: false }],
    '-headers': [ours.service, { headers: true, response: false, record: false }],
    '-response': [ours.service, { headers: true, response: true, record: false }],
    '-record': [ours.service, { headers: true, response: true, record: true }],
    sdk: [sdk, { headers: false, response: false, record: false }],
  };
  const names = Object.keys(variants);
  let recordingCalls = 0;
  for (const name of names) {
    Object.assign(knock, variants[name][1]);
    await runCalls((i) => variants[name][0].call(i), Number(warmup), Number(concurrency));
    if (name !== 'sdk' && !knock.record) recordingCalls += Number(warmup);
  }
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const cpuTimes = Object.fromEntries(names.map((n) => [n, []]));
  const n = Number(chunk);
  for (let round = 0; round < Number(rounds); round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      const [service, setting] = variants[name];
      Object.assign(knock, setting);
      const cpu = process.cpuUsage();
      const start = nowNs();
      await runCalls((i) => service.call(i), n, Number(concurrency));
      times[name].push(elapsedNs(start) / n / 1000);
      const used = process.cpuUsage(cpu);
      cpuTimes[name].push((used.user + used.system) / n);
      if (name !== 'sdk' && !knock.record) recordingCalls += n;
    }
  }
  const text = await require('prom-client').register.metrics();
  await ours.close();
  const us = Object.fromEntries(names.map((name) => [name, median(times[name])]));
  const cpuUs = Object.fromEntries(names.map((name) => [name, median(cpuTimes[name])]));
  report({
    cpuUs,
    rounds: Number(rounds),
    chunk: n,
    us,
    recordingCalls,
    recordedCalls: recordedCalls(text, OUR_CALLS),
    example: text.split('\n').find((line) => OUR_CALLS.test(line)),
    parts: {
      headers: us.full - us['-headers'],
      withResponse: us['-headers'] - us['-response'],
      recording: us['-response'] - us['-record'],
      rest: us['-record'] - us.sdk,
      total: us.full - us.sdk,
    },
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
