import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { ENVIRONMENT_FILTER, MODEL_FILTER, MODEL_OPERATION_FILTER } from '../label-filters';
import { barGaugePanel, statPanel, timeseriesPanel } from '../panel-builders';
import { lowerIsBetter } from './thresholds';

const DAY_SECONDS = 86_400;

/** Who spends, against which budget, and whether the prices behind the figures can be trusted. */
export function costPanels(): cog.Builder<dashboard.Panel>[] {
  return [
    barGaugePanel({
      id: 71,
      title: 'Spend by tenant (top 10)',
      description: 'openai_api_tenant_cost_usd_total over the selected time range, the ten tenants that spent most.',
      unit: 'currencyUSD',
      queries: [
        {
          expr: `topk(10, sum by (tenant) (increase(openai_api_tenant_cost_usd_total{${MODEL_FILTER}}[$__range])))`,
          legend: '{{tenant}}',
        },
      ],
    }),
    barGaugePanel({
      id: 72,
      title: 'Spend against each budget',
      description:
        'Share of each openai_api_budget_usd spent over its rolling window (recording rule; 80% warns, 100% is ' +
        'exceeded). A budget without a tenant covers all tenants.',
      unit: 'percentunit',
      queries: [
        {
          expr: `max by (budget, window, tenant) (budget_tenant_window:openai_api_budget_spent:ratio{${ENVIRONMENT_FILTER}})`,
          legend: '{{budget}} ({{window}}) {{tenant}}',
        },
      ],
    })
      .min(0)
      .max(1)
      .thresholds(lowerIsBetter(0.8, 1)),
    timeseriesPanel({
      id: 73,
      title: 'Unpriced calls by model',
      description:
        'openai_api_unpriced_calls_total: calls of models missing from the price table, counted at $0. ' +
        'Models with traffic and no unpriced call show 0.',
      unit: 'short',
      queries: [
        {
          // The fallback puts every model that has token traffic at 0 instead of leaving the panel empty.
          expr:
            `(sum by (model) (rate(openai_api_unpriced_calls_total{${MODEL_OPERATION_FILTER}}[$__rate_interval]))` +
            ` or 0 * sum by (model) (rate(openai_api_tokens_total{${MODEL_OPERATION_FILTER}}[$__rate_interval]))) * 60`,
          legend: '{{model}}',
        },
      ],
    }).axisLabel('calls / min'),
    statPanel({
      id: 74,
      title: 'Price data age',
      description:
        'Time since the oldest price table in use was updated (openai_api_prices_updated_timestamp_seconds), with ' +
        'its source and version (openai_api_prices_info). OpenAiPriceDataStale fires after 120 days.',
      unit: 'dtdurations',
      queries: [
        {
          expr:
            `max by (environment, source, version) (openai_api_prices_info{${ENVIRONMENT_FILTER}})` +
            ` * on (environment) group_left ()` +
            ` (time() - min by (environment) (openai_api_prices_updated_timestamp_seconds{${ENVIRONMENT_FILTER}}))`,
          legend: '{{source}} {{version}}',
        },
      ],
    })
      .height(8)
      .span(12)
      .thresholds(lowerIsBetter(90 * DAY_SECONDS, 120 * DAY_SECONDS)),
  ];
}
