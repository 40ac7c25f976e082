/**
 * Formats milliseconds like Go's time.Duration.String(), which the real API uses for
 * x-ratelimit-reset-*: `0s`, `120ms`, `1s`, `30.5s`, `6m0s`, `1m30.5s`, `1h2m3s`. Rounded to whole ms.
 */
export function formatGoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = `${(total % 60_000) / 1000}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}
