import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { OPERATION_FILTER } from '../label-filters';
import { timeseriesPanel } from '../panel-builders';

export function errorPanels(): cog.Builder<dashboard.Panel>[] {
  return [
    timeseriesPanel({
      id: 41,
      title: 'Errors by type',
      description: 'openai_api_errors_total by error_type (rate_limit, timeout, server_error, ...).',
      unit: 'reqps',
      queries: [
        {
          expr: `sum by (error_type) (rate(openai_api_errors_total{${OPERATION_FILTER}}[$__rate_interval]))`,
          legend: '{{error_type}}',
        },
      ],
    }),
    timeseriesPanel({
      id: 42,
      title: 'Retries by cause',
      description: 'openai_api_retries_total by the error_type that caused the retry.',
      unit: 'reqps',
      queries: [
        {
          expr: `sum by (error_type) (rate(openai_api_retries_total{${OPERATION_FILTER}}[$__rate_interval]))`,
          legend: '{{error_type}}',
        },
      ],
    }),
  ];
}
