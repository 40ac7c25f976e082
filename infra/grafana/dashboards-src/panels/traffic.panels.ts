import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { OPERATION_FILTER } from '../label-filters';
import { timeseriesPanel } from '../panel-builders';
import { dashedThresholds, higherIsBetter } from './thresholds';

const BY_OPERATION = '{{capability}}/{{operation}}';

export function trafficPanels(): cog.Builder<dashboard.Panel>[] {
  return [
    timeseriesPanel({
      id: 11,
      title: 'Requests per second by capability and operation',
      description: 'capability_operation:openai_api_requests:rate5m, summed over the selected environments.',
      unit: 'reqps',
      queries: [
        {
          expr: `sum by (capability, operation) (capability_operation:openai_api_requests:rate5m{${OPERATION_FILTER}})`,
          legend: BY_OPERATION,
        },
      ],
    }),
    timeseriesPanel({
      id: 12,
      title: 'Success ratio',
      description: 'capability_operation:openai_api_success_ratio:rate5m; the worst selected environment. Gaps mean no traffic.',
      unit: 'percentunit',
      queries: [
        {
          expr: `min by (capability, operation) (capability_operation:openai_api_success_ratio:rate5m{${OPERATION_FILTER}})`,
          legend: BY_OPERATION,
        },
      ],
    })
      .min(0)
      .max(1)
      .thresholds(higherIsBetter(0.95, 0.99))
      .thresholdsStyle(dashedThresholds()),
    timeseriesPanel({
      id: 13,
      title: 'Failures per second',
      description: 'Calls that ended with status="failure" (after retries), by capability and operation.',
      unit: 'reqps',
      queries: [
        {
          expr: `sum by (capability, operation) (capability_operation:openai_api_failures:rate5m{${OPERATION_FILTER}})`,
          legend: BY_OPERATION,
        },
      ],
    }),
    timeseriesPanel({
      id: 14,
      title: 'In-flight operations',
      description: 'openai_api_in_flight: calls started and not finished yet.',
      unit: 'short',
      queries: [
        {
          expr: `sum by (capability, operation) (openai_api_in_flight{${OPERATION_FILTER}})`,
          legend: BY_OPERATION,
        },
      ],
    }).min(0),
  ];
}
