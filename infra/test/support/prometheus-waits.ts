import { type PrometheusSample, queryPrometheus } from './prometheus-api';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `expr` until it returns a sample with a finite value (NaN from 0/0 or an empty histogram is not data) and
 * returns the samples. Invalid PromQL fails at once. Works against any Prometheus-compatible API (VictoriaMetrics).
 */
export async function waitForFiniteSamples(url: string, expr: string, timeoutMs = 15_000): Promise<PrometheusSample[]> {
  const deadline = Date.now() + timeoutMs;
  let last: PrometheusSample[] = [];
  for (;;) {
    last = (await queryPrometheus(url, expr)).result;
    if (last.some((sample) => Number.isFinite(Number(sample.value[1])))) return last;
    if (Date.now() >= deadline) {
      throw new Error(`no finite sample after ${timeoutMs} ms (got ${JSON.stringify(last)}) for: ${expr}`);
    }
    await sleep(250);
  }
}

/** Waits until `sum(expr)` equals `expected`, i.e. the scrapes (and remote writes) have caught up. */
export async function waitForSum(url: string, expr: string, expected: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { result } = await queryPrometheus(url, `sum(${expr})`);
    const actual = result.length > 0 ? Number(result[0].value[1]) : undefined;
    if (actual === expected) return;
    if (Date.now() >= deadline) {
      throw new Error(`sum(${expr}) at ${url} is ${actual}, expected ${expected} after ${timeoutMs} ms`);
    }
    await sleep(250);
  }
}

/** `sum by (labels) (expr)` as { "value1/value2": sum }. */
export async function sumBy(url: string, labels: string[], expr: string): Promise<Record<string, number>> {
  const { result } = await queryPrometheus(url, `sum by (${labels.join(', ')}) (${expr})`);
  return Object.fromEntries(result.map((s) => [labels.map((label) => s.metric[label]).join('/'), Number(s.value[1])]));
}

const REFERENCED_METRIC = /\b[a-z_]*:?openai_api_[a-z0-9_:]*/g;

/**
 * The openai_api_* metrics and recorded series `expr` reads that have no series at all at `url`: why an expression
 * may rightly return nothing (an app without tenants exports no per-tenant series).
 */
export async function absentMetrics(url: string, expr: string): Promise<string[]> {
  const absent: string[] = [];
  for (const name of new Set(expr.match(REFERENCED_METRIC) ?? [])) {
    if ((await queryPrometheus(url, `count({__name__="${name}"})`)).result.length === 0) absent.push(name);
  }
  return absent;
}
