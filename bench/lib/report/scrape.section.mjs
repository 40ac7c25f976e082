// RESULTS.md, case 3: the /metrics render, ours vs prom-client's own registry with the same series.
import { fmt, ratio } from '../stats.mjs';
import { markdownTable } from './markdown.mjs';

export function scrapeSection({ scrape }) {
  return [
    '## 3. Scrape cost',
    '',
    "Series are made the way the recorder's public path makes them: one successful operation per distinct (capability, operation) pair through `OpenAiMetricsRecorder.recordSuccess`, with tokens and cost, i.e. 18 exposition lines (requests, in-flight — 0 once the operation is over —, 12 histogram lines, 2 token counts, cached-input tokens, cost), plus the module's own series (price data version and date), copied once into the floor. The floor is a second prom-client `Registry` with the same metric definitions, filled with plain `inc`/`set`/`observe` calls and no `collect()` hooks; the bench checks that both registries render **byte-identical text** before and after timing. Each render is `registry.metrics()`, which is what the `/metrics` route returns, timed after a forced GC, ours and the floor alternating.",
    '',
    markdownTable(
      ['Series', 'ours, nothing changed', 'floor', 'ratio', 'ours, every series changed', 'floor', 'ratio'],
      scrape.map((s) => [
        fmt(s.series),
        `${fmt(s.steady.oursMs, 2)} ms`,
        `${fmt(s.steady.floorMs, 2)} ms`,
        ratio(s.steady.oursMs / s.steady.floorMs),
        `${fmt(s.allChanged.oursMs, 2)} ms`,
        `${fmt(s.allChanged.floorMs, 2)} ms`,
        ratio(s.allChanged.oursMs / s.allChanged.floorMs),
      ]),
    ),
    '',
    '"Every series changed" is the worst case for ours: each of its counter and gauge series was updated since the previous scrape, so the `collect()` hooks hand every buffered value to prom-client inside the timed render. The floor paid its `inc`s at call time instead, outside the timed region. Rendering itself is prom-client\'s in both cases.',
    '',
  ];
}
