// RESULTS.md, case 4: the built ai app under load, recording on vs OPENAI_METRICS_ENABLED=false.
import { fmt, max, min, pct } from '../stats.mjs';
import { markdownTable } from './markdown.mjs';

export function e2eSection({ e2e }) {
  const range = (values) => `${fmt(min(values), 1)}–${fmt(max(values), 1)}`;
  return [
    '## 4. End to end',
    '',
    `The built ai app (\`node dist/apps/ai/main.js\`) twice, one with recording on and one with \`OPENAI_METRICS_ENABLED=false\`, both against the same simulator at zero latency; autocannon (in the bench process) sends \`POST /v1/summaries\` with ${e2e.connections} connections for ${e2e.seconds} s per run after a warm-up, ${e2e.rounds} rounds alternating on/off, and \`/metrics\` is scraped once per second during every run. Both apps run with \`THROTTLE_LIMIT=1000000000\` and \`THROTTLE_TTL_MS=1000\`: the throttler's in-memory storage filters every hit of its window on each request, so with the default 60 s window each request costs more as a run goes on. Two cores carry the load generator, the app and the simulator (and, on a shared machine, whatever else runs), so single runs move by ±10 % or more. The target is judged on the median of the ${e2e.rounds} paired ratios (each round runs on and off back to back, which cancels drift in the machine's load); the ratio of the two medians and the app's own CPU per request (from /proc) are shown beside it.`,
    '',
    markdownTable(
      ['Recording', 'req/s', 'p50 latency', 'p99 latency', 'app CPU per request'],
      [
        ['on', fmt(e2e.rps.on), `${fmt(e2e.p50.on, 1)} ms`, `${fmt(e2e.p99.on, 1)} ms`, `${fmt(e2e.cpuUsPerRequest.on)} µs`],
        ['off (`OPENAI_METRICS_ENABLED=false`)', fmt(e2e.rps.off), `${fmt(e2e.p50.off, 1)} ms`, `${fmt(e2e.p99.off, 1)} ms`, `${fmt(e2e.cpuUsPerRequest.off)} µs`],
        ["**on / off** (median of the rounds' paired ratios)", `**${pct(e2e.ratio)}**`, '', '', `${pct(e2e.cpuRatio)}`],
        ['ratio of the medians', pct(e2e.ratioOfMedians), '', '', ''],
        ['per-round ratios', `${range(e2e.roundRatios.map((x) => x * 100))} %`, '', '', ''],
      ],
    ),
    '',
    `Requests recorded in \`openai_api_requests_total\` at the end: on ${fmt(e2e.recordedRequests.on)}, off ${fmt(e2e.recordedRequests.off)} (checked against the requests autocannon saw answered). "Off" only turns recording off: the decorator still runs its retry loop inside \`AsyncLocalStorage\`, so the promise-hook cost measured in cases 1 and 2 is present on both sides here and not in this ratio.`,
    '',
  ];
}
