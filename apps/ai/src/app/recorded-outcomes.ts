import { OPENAI_API_REQUESTS_TOTAL } from '@openai-monitoring/openai-metrics';
import { register } from 'prom-client';

export interface RecordedOutcomes {
  success: number;
  failure: number;
}

/** Operation outcomes recorded since start, summed over every capability: what `/metrics` would serve. */
export async function recordedOutcomes(): Promise<RecordedOutcomes> {
  const totals: RecordedOutcomes = { success: 0, failure: 0 };
  const counter = register.getSingleMetric(OPENAI_API_REQUESTS_TOTAL);
  for (const { labels, value } of (await counter?.get())?.values ?? []) {
    if (labels['status'] === 'success' || labels['status'] === 'failure') totals[labels['status']] += value;
  }
  return totals;
}
