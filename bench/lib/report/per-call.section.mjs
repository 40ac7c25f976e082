// RESULTS.md, case 1: @Instrumented on a method that resolves at once, against the prom-client floor.
import { fmt, max, min } from '../stats.mjs';
import { markdownTable } from './markdown.mjs';

export function perCallSection({ perCall, plan }) {
  const pc = perCall.plain;
  const ps = perCall.scraped;
  const { rounds, calls, samples, warmup } = plan.perCall;
  const range = (values) => `${fmt(min(values), 2)}–${fmt(max(values), 2)}`;
  return [
    '## 1. Per-call overhead of `@Instrumented`',
    '',
    `An \`async\` method that resolves at once with a Responses-shaped result (\`usage\` included: 42 input tokens of which 16 cached, 17 output), called and awaited ${fmt(calls)} times per sample; per process ${warmup} warm-up pass(es), then ${samples} sample(s); one process per variant per round, ${rounds} round(s) in rotating order. Each variant runs in a fresh process with a fresh prom-client registry: once any \`AsyncLocalStorage\` is enabled, Node 20 runs promise hooks for every promise in the process, so measuring the bare method in the process where \`@Instrumented\` already ran would hide part of its cost. The floor and \`@Instrumented\` are checked to have counted every call they made.`,
    '',
    markdownTable(
      ['Variant', 'ns per call', 'ns per call, one `register.metrics()` per 1,000 calls'],
      [
        ['(a) bare method', fmt(pc.bare), fmt(ps.bare)],
        ['(b) floor: seed metrics by hand with prom-client', fmt(pc.floor), fmt(ps.floor)],
        ['(c) `@Instrumented`', fmt(pc.instrumented), fmt(ps.instrumented)],
        ['(diagnostic) bare method inside `AsyncLocalStorage.run`', fmt(pc['bare-als']), fmt(ps['bare-als'])],
        ['**(c − a) / (b − a)**', `**${fmt(perCall.ratio, 2)}**`, `**${fmt(perCall.ratioWithScrape, 2)}**`],
        ['per-round ratios', range(perCall.roundRatios), range(perCall.roundRatiosWithScrape)],
      ],
    ),
    '',
    '**(b), the floor**, is the least hand-written prom-client code that records the seed\'s samples: `requests_total.inc({capability, operation, status: "success"})`, one `request_duration_ms.observe(sameLabels, ms)` timed with `performance.now()`, and `tokens_total.inc({capability, operation, type, model}, n)` for input and output tokens (label objects that do not depend on the result are built once; the token labels need the model of the result, so they are built per call; a `try/catch` records failures). ' +
      `**(c)** records what the library records for an operation (its exposition holds ${perCall.seriesLines.instrumented} series after the run, the floor's ${perCall.seriesLines.floor}), runs the retry loop and opens the operation context that lets \`OpenAiClientService\` attribute SDK calls to the operation.`,
    '',
    "Counters and gauges of (c) are only added to plain numbers per call; prom-client receives them in each metric's `collect()` at scrape time. That deferred work is counted in the right-hand column, which renders the whole registry once per 1,000 calls for every variant (the headline uses it).",
    '',
    `Node's promise hooks account for about ${fmt(ps['bare-als'] - ps.bare)} ns of (c) per call (the diagnostic row minus (a)).`,
    '',
  ];
}
