import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { MODEL_OPERATION_FILTER, OPERATION_FILTER } from '../label-filters';
import { timeseriesPanel } from '../panel-builders';

function durationQuantile(quantile: 'p50' | 'p95' | 'p99') {
  return {
    expr: `max by (capability, operation) (capability_operation:openai_api_request_duration_ms:${quantile}_5m{${OPERATION_FILTER}})`,
    legend: `${quantile} {{capability}}/{{operation}}`,
  };
}

function timeToFirstTokenQuantile(quantile: number, name: string) {
  return {
    expr:
      `histogram_quantile(${quantile}, sum by (le, model) ` +
      `(rate(openai_api_time_to_first_token_ms_bucket{${MODEL_OPERATION_FILTER}}[$__rate_interval])))`,
    legend: `${name} {{model}}`,
  };
}

export function latencyPanels(): cog.Builder<dashboard.Panel>[] {
  return [
    timeseriesPanel({
      id: 21,
      title: 'Request duration p50 / p95 / p99',
      description:
        'Successful calls, from the openai_api_request_duration_ms histogram (recording rules, 5m window); ' +
        'the slowest selected environment. Values above 15000 ms are capped at the largest bucket.',
      unit: 'ms',
      queries: [durationQuantile('p50'), durationQuantile('p95'), durationQuantile('p99')],
    }),
    timeseriesPanel({
      id: 22,
      title: 'Time to first token p50 / p95',
      description: 'Streaming calls only: openai_api_time_to_first_token_ms histogram, by model.',
      unit: 'ms',
      queries: [timeToFirstTokenQuantile(0.5, 'p50'), timeToFirstTokenQuantile(0.95, 'p95')],
    }),
  ];
}
