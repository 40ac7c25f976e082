#!/usr/bin/env node
// Sums the "Tests:" lines of every Jest run in a log, and the "bench checks:" line of the bench's
// quick run, into one plain closing line: "N passed, N failed".
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const text = stripVTControlCharacters(readFileSync(process.argv[2], 'utf8'));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const line of text.split('\n')) {
  const totals = /(?:Tests|bench checks):\s+(.*)$/.exec(line);
  if (!totals) continue;
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(totals[1])?.[1] ?? 0);
  passed += count('passed');
  failed += count('failed');
  skipped += count('skipped');
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
