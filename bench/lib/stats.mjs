// Small statistics helpers: every reported figure is a median of several runs.

export function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function min(values) {
  return Math.min(...values);
}

export function max(values) {
  return Math.max(...values);
}

/** The rounds' order: each round rotates the list, so no variant always runs first or last. */
export function rotated(list, round) {
  const k = round % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** Formats a number with a fixed count of significant decimals, thousands separated. */
export function fmt(value, decimals = 0) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function ratio(value, decimals = 2) {
  return `${fmt(value, decimals)}×`;
}

export function pct(value, decimals = 1) {
  return `${fmt(value * 100, decimals)} %`;
}
