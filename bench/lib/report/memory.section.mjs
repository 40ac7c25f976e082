// RESULTS.md, case 5: heap per series, ours vs prom-client's own.
import { fmt, ratio } from '../stats.mjs';
import { met, TARGETS } from './markdown.mjs';

export function memorySection({ memory }) {
  const heap = memory.ours / memory.floor;
  return [
    '## 5. Memory',
    '',
    `Heap growth (after forced GC) for ${fmt(memory.series)} series made by 2,000 operations as in case 3, divided by the number of series (checked equal on both sides): **ours ${fmt(memory.ours)} B per series, prom-client alone ${fmt(memory.floor)} B**, ${ratio(heap)} (target ≤ ${TARGETS.memory}×: ${met(heap <= TARGETS.memory)}). Ours includes, besides prom-client's own entries, what makes recording a call a few additions instead of label hashing: its buffered record of each series and the label objects of each (capability, operation); prom-client alone keeps only its entries.`,
    '',
  ];
}
