// The headline rows: one per measure with a target (or context), shared by the console and RESULTS.md.
import { fmt, pct, ratio } from '../stats.mjs';
import { TARGETS } from './markdown.mjs';
import { sdkFigures } from './sdk-figures.mjs';

export function headlineRows({ perCall, peer, collections, scrape, e2e, memory }) {
  const rows = [];
  const pc = perCall.plain;
  const ps = perCall.scraped;
  rows.push({
    measure: '1. `@Instrumented` per call, vs the hand-written prom-client floor — with one `/metrics` render per 1,000 calls',
    ours: `${fmt(ps.instrumented - ps.bare)} ns`,
    reference: `${fmt(ps.floor - ps.bare)} ns`,
    result: `(c − a)/(b − a) = ${fmt(perCall.ratioWithScrape, 2)}`,
    target: `≤ ${TARGETS.perCall}`,
    ok: perCall.ratioWithScrape <= TARGETS.perCall,
  });
  rows.push({
    measure: '1. the same, calls only (our counters are then not yet handed to prom-client)',
    ours: `${fmt(pc.instrumented - pc.bare)} ns`,
    reference: `${fmt(pc.floor - pc.bare)} ns`,
    result: `(c − a)/(b − a) = ${fmt(perCall.ratio, 2)}`,
    target: `≤ ${TARGETS.perCall}`,
    ok: perCall.ratio <= TARGETS.perCall,
  });
  const f = sdkFigures(peer, collections);
  const w = f.withCollections;
  for (const [mix, what] of [
    ['generation', '`responses.create` / `chat.completions.create`'],
    ['embeddings', '`embeddings.create`'],
  ]) {
    const ruledOut = w.peerTargetRuledOut[mix];
    rows.push({
      measure: `2. time added per SDK call, ${what} (real \`openai\` SDK, replayed answers): CPU plus garbage-collection pauses, vs \`@opentelemetry/instrumentation-openai\` (metrics only)`,
      ours: `${fmt(w.added[mix], 1)} µs`,
      reference: `${fmt(w.otel[mix], 1)} µs`,
      result: `ours / peer = ${fmt(w.ratio[mix], 3)}`,
      target: ruledOut ? `≤ ${TARGETS.peer}: out of reach, the floor alone is ${fmt(w.floor[mix] / w.otel[mix], 2)}× the peer` : `≤ ${TARGETS.peer}`,
      ok: ruledOut ? undefined : w.ratio[mix] <= TARGETS.peer,
    });
    rows.push({
      measure: `2. the same, everything ours adds above Node 20's \`AsyncLocalStorage\` floor (${fmt(w.floor[mix], 1)} µs: promise hooks and their collections)`,
      ours: `${fmt(w.above[mix], 1)} µs`,
      reference: '—',
      result: `${fmt(w.above[mix], 1)} µs`,
      target: `≤ ${TARGETS.aboveFloorUs} µs`,
      ok: w.above[mix] <= TARGETS.aboveFloorUs,
    });
    rows.push({
      measure: `2. (context) the same two without the collections (CPU of the interleaved chunks only; the floor ${fmt(f.floor[mix], 1)} µs)`,
      ours: `${fmt(f.added[mix], 1)} µs (${fmt(f.above[mix], 1)} µs above the floor)`,
      reference: `${fmt(f.otel[mix], 1)} µs`,
      result: `ours / peer = ${fmt(f.ratio[mix], 2)}`,
      target: '—',
      ok: undefined,
    });
  }
  rows.push({
    measure: "2. (context) against the peer with the AsyncLocalStorage context manager that OpenTelemetry's NodeSDK registers, Responses / Chat, without the collections",
    ours: `${fmt(f.added.generation, 1)} µs`,
    reference: `${fmt(f.otelAls.generation, 1)} µs`,
    result: `ours / peer = ${fmt(f.added.generation / f.otelAls.generation, 2)}`,
    target: '—',
    ok: undefined,
  });
  for (const [what, variant, part] of [
    ['pricing: a model the price database does not know, minus a priced one', f.above.unpriced, f.parts.unpricedMinusPriced],
    ['`tenant: { resolve }` minus no tenant option', f.above.tenant, f.parts.tenant],
  ]) {
    rows.push({
      measure: `2. (context) ${what}, per Responses / Chat call, above the floor`,
      ours: `${fmt(variant, 1)} µs`,
      reference: `${fmt(f.above.generation, 1)} µs`,
      result: `${fmt(part, 1)} µs`,
      target: '—',
      ok: undefined,
    });
  }
  rows.push({
    measure: '2. throughput against the simulator over loopback (8 concurrent calls), relative to the bare SDK',
    ours: pct(peer.simRate.ours / peer.simRate.bare),
    reference: pct(peer.simRate.otel / peer.simRate.bare),
    result: `ours / peer = ${fmt(peer.simRate.ours / peer.simRate.otel, 3)}`,
    target: '—',
    ok: undefined,
  });
  for (const s of scrape) {
    for (const [state, key] of [
      ['every series changed since the last scrape', 'allChanged'],
      ['nothing changed since the last scrape', 'steady'],
    ]) {
      const r = s[key].oursMs / s[key].floorMs;
      rows.push({
        measure: `3. \`/metrics\` render, ${fmt(s.series)} series, ${state}`,
        ours: `${fmt(s[key].oursMs, 2)} ms`,
        reference: `${fmt(s[key].floorMs, 2)} ms`,
        result: ratio(r),
        target: `≤ ${TARGETS.scrape}×`,
        ok: r <= TARGETS.scrape,
      });
    }
  }
  rows.push({
    measure: '4. ai app, `POST /v1/summaries` against the simulator, recording on vs `OPENAI_METRICS_ENABLED=false`',
    ours: `${fmt(e2e.rps.on)} req/s`,
    reference: `${fmt(e2e.rps.off)} req/s`,
    result: `${pct(e2e.ratio)} (paired; ratio of medians ${pct(e2e.ratioOfMedians)}; app CPU per request ${pct(e2e.cpuRatio)})`,
    target: `≥ ${pct(TARGETS.e2e, 0)}`,
    ok: e2e.ratio >= TARGETS.e2e,
  });
  const heap = memory.ours / memory.floor;
  rows.push({
    measure: "5. heap per series (exposition line), ours vs prom-client's own",
    ours: `${fmt(memory.ours)} B`,
    reference: `${fmt(memory.floor)} B`,
    result: ratio(heap),
    target: `≤ ${TARGETS.memory}×`,
    ok: heap <= TARGETS.memory,
  });
  return rows;
}
