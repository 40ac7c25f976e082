// RESULTS.md, case 2: what the replayed calls cost the garbage collector (cases/collections.mjs),
// and the per-call totals once those pauses are added to the CPU time of the interleaved chunks.
import { fmt } from '../stats.mjs';
import { markdownTable } from './markdown.mjs';

const VARIANTS = [
  ['bare', 'bare SDK'],
  ['bare-als', 'bare SDK with an `AsyncLocalStorage` active (the floor)'],
  ['peer', 'peer (OpenTelemetry)'],
  ['ours', '**ours**'],
];

export function collectionsPart({ collections }, f) {
  const { byMix, runs } = collections;
  const w = f.withCollections;
  const cell = (mix, variant) => {
    const c = byMix[mix][variant];
    const added = variant === 'bare' ? '' : ` (${signed(c.gcPauseUsPerCall - byMix[mix].bare.gcPauseUsPerCall)})`;
    return [`${fmt(c.gcPauseUsPerCall, 2)}${added}`, fmt(c.promotedBytesPerCall), fmt(c.scavengesPer1000Calls, 1), fmt(c.fullCollectionsPer1000Calls, 2)];
  };
  return [
    `**Garbage collection.** The chunks above keep collections out on purpose, so \`cases/collections.mjs\` measures what they leave out: one variant and request mix per process, V8's default young generation, ${fmt(runs.warmup)} warm-up calls, then ${fmt(runs.calls)} sequential calls during which \`v8.GCProfiler\` records every collection, its pause on the main thread and the old generation before and after it (its growth across a scavenge is what the scavenge promoted: objects that outlived the call that made them, and that make every later scavenge and the next mark-compact cost more). ${runs.rounds} round(s) in rotating order; medians. The pause is a lower bound of what collecting costs (V8's helper threads scavenge in parallel beside it), the same bound for every variant. The bench checks that ours promotes no more per call than the bare SDK under the same promise hooks (listed with the checks at the end): before that check existed, a closure stored on every \`Response\` made ours promote about 4 KiB more per call than the bare SDK and pause about twice as long, which the chunks above could not show.`,
    '',
    markdownTable(
      [
        'Variant',
        'Responses / Chat: pause µs per call (added)',
        'promoted B per call',
        'scavenges per 1,000 calls',
        'mark-compacts per 1,000 calls',
        'embeddings: pause µs per call (added)',
        'promoted B per call',
        'scavenges per 1,000 calls',
        'mark-compacts per 1,000 calls',
      ],
      VARIANTS.map(([variant, name]) => [name, ...cell('generation', variant), ...cell('embeddings', variant)]),
    ),
    '',
    'Adding each variant\'s pauses to its CPU time gives what a call costs the process:',
    '',
    markdownTable(
      ['Per call', 'Responses / Chat: CPU', '+ pauses', '= time added', 'embeddings: CPU', '+ pauses', '= time added'],
      [
        ['the floor (promise hooks)', ...total(f.floor, w.gc.floor, w.floor)],
        ['everything ours adds above the floor', ...total(f.above, w.gc.above, w.above)],
        ['**ours**, in all', ...total(f.added, w.gc.ours, w.added)],
        ['peer (OpenTelemetry)', ...total(f.otel, w.gc.otel, w.otel)],
        ['**ours / peer**', '', '', `**${fmt(w.ratio.generation, 2)}**`, '', '', `**${fmt(w.ratio.embeddings, 2)}**`],
      ],
    ),
    '',
  ];
}

function signed(us) {
  return `${us >= 0 ? '+' : '−'}${fmt(Math.abs(us), 2)}`;
}

function total(cpu, gc, sum) {
  return ['generation', 'embeddings'].flatMap((mix) => [fmt(cpu[mix], 1), signed(gc[mix]), `${fmt(sum[mix], 1)} µs`]);
}
