// Turns the bench's results into the printed table and bench/RESULTS.md.
import { e2eSection } from './report/e2e.section.mjs';
import { environmentSection } from './report/environment.section.mjs';
import { headlineRows } from './report/headline.mjs';
import { consoleTable, markdownTable, met } from './report/markdown.mjs';
import { memorySection } from './report/memory.section.mjs';
import { perCallSection } from './report/per-call.section.mjs';
import { scrapeSection } from './report/scrape.section.mjs';
import { sdkSection } from './report/sdk.section.mjs';

export function renderResults(results) {
  const rows = headlineRows(results);
  const missed = rows.filter((row) => row.ok === false);
  const md = [
    ...environmentSection(results),
    '## Headline',
    '',
    markdownTable(
      ['Measure', 'Ours', 'Reference', 'Result', 'Target', ''],
      rows.map((row) => [row.measure, row.ours, row.reference, row.result, row.target, row.ok === undefined ? '' : met(row.ok)]),
    ),
    '',
    ...perCallSection(results),
    ...sdkSection(results),
    ...scrapeSection(results),
    ...e2eSection(results),
    ...memorySection(results),
    '## Targets',
    '',
    missed.length === 0
      ? 'All targets are met in this run.'
      : `Missed in this run: ${missed.map((row) => row.measure.replace(/\*\*/g, '')).join('; ')}. What the remaining cost is made of is described in the section of each case above.`,
    '',
    '## Correctness checks',
    '',
    'What must hold for the figures to mean anything; `npm test` runs every case once in quick mode (`nx test bench`, `npm run bench -- --quick`) and fails on any of them. Timings are never checked.',
    '',
    markdownTable(
      ['Check', 'Observed', ''],
      results.checks.map((c) => [c.name, c.detail, c.ok ? 'ok' : '**failed**']),
    ),
    '',
  ];
  return { table: consoleTable(rows), markdown: `${md.join('\n')}\n` };
}
