import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { MODEL_OPERATION_FILTER, OPERATION_FILTER } from '../label-filters';
import { statPanel } from '../panel-builders';
import { higherIsBetter } from './thresholds';

export function overviewPanels(): cog.Builder<dashboard.Panel>[] {
  return [
    statPanel({
      id: 2,
      title: 'Requests per second',
      description: 'All OpenAI calls of the selected operations (recording rule, 5m rate).',
      unit: 'reqps',
      queries: [{ expr: `sum(capability_operation:openai_api_requests:rate5m{${OPERATION_FILTER}})` }],
    }),
    statPanel(
      {
        id: 3,
        title: 'Success ratio (selected range)',
        description: 'Successful calls / all calls over the dashboard time range. Empty when there was no call.',
        unit: 'percentunit',
        queries: [
          {
            expr:
              `(sum(increase(openai_api_requests_total{${OPERATION_FILTER}, status="success"}[$__range])) or vector(0))` +
              ` / (sum(increase(openai_api_requests_total{${OPERATION_FILTER}}[$__range])) > 0)`,
          },
        ],
      },
      { instant: true },
    )
      .decimals(2)
      .thresholds(higherIsBetter(0.95, 0.99)),
    statPanel({
      id: 4,
      title: 'Estimated cost per hour',
      description: 'Current spend rate from openai_api_cost_usd_total, extrapolated to one hour.',
      unit: 'currencyUSD',
      queries: [{ expr: `sum(rate(openai_api_cost_usd_total{${MODEL_OPERATION_FILTER}}[$__rate_interval])) * 3600` }],
    }),
    statPanel({
      id: 5,
      title: 'In-flight operations',
      description: 'OpenAI calls currently waiting for a response.',
      unit: 'short',
      queries: [{ expr: `sum(openai_api_in_flight{${OPERATION_FILTER}})` }],
    }),
  ];
}
