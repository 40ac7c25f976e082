// Table helpers of the report: Markdown for RESULTS.md, aligned plain text for the console.

export const TARGETS = {
  perCall: 1.2,
  peer: 0.5,
  aboveFloorUs: 5,
  scrape: 1.2,
  e2e: 0.95,
  memory: 1.2,
};

export const met = (ok) => (ok ? 'met' : '**missed**');

export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function consoleTable(rows) {
  const strip = (s) => s.replace(/\*\*|`/g, '');
  const cells = rows.map((row) => [
    strip(row.measure).slice(0, 78),
    row.ours,
    row.reference,
    strip(row.result),
    row.target,
    row.ok === undefined ? '' : row.ok ? 'met' : 'MISSED',
  ]);
  const headers = ['measure', 'ours', 'reference', 'result', 'target', ''];
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const fmtRow = (c) => c.map((v, i) => v.padEnd(widths[i])).join('  ');
  return [fmtRow(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(fmtRow)].join('\n');
}
