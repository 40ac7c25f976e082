import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { MODEL_OPERATION_FILTER } from '../label-filters';
import { timeseriesPanel } from '../panel-builders';

// Raw counters rather than the model-level recording rules: those drop capability/operation, which the filters need.
function perSecond(metric: string, extraMatchers = ''): string {
  return `rate(${metric}{${MODEL_OPERATION_FILTER}${extraMatchers}}[$__rate_interval])`;
}

export function tokensAndCostPanels(): cog.Builder<dashboard.Panel>[] {
  return [
    timeseriesPanel({
      id: 31,
      title: 'Tokens per minute by model and type',
      description: 'openai_api_tokens_total: input and output tokens reported in the API usage.',
      unit: 'short',
      queries: [
        { expr: `sum by (model, type) (${perSecond('openai_api_tokens_total')}) * 60`, legend: '{{model}} {{type}}' },
      ],
    }).axisLabel('tokens / min'),
    timeseriesPanel({
      id: 32,
      title: 'Estimated cost per hour by model',
      description: 'openai_api_cost_usd_total (USD, from the price table of the metrics library), as a per-hour rate.',
      unit: 'currencyUSD',
      queries: [{ expr: `sum by (model) (${perSecond('openai_api_cost_usd_total')}) * 3600`, legend: '{{model}}' }],
    }),
    timeseriesPanel({
      id: 33,
      title: 'Estimated cost per hour by capability and operation',
      description: 'Which features spend the money: openai_api_cost_usd_total as a per-hour rate.',
      unit: 'currencyUSD',
      queries: [
        {
          expr: `sum by (capability, operation) (${perSecond('openai_api_cost_usd_total')}) * 3600`,
          legend: '{{capability}}/{{operation}}',
        },
      ],
    }),
    timeseriesPanel({
      id: 34,
      title: 'Cached and reasoning token share',
      description:
        'Cached input tokens / input tokens, and reasoning tokens / output tokens (openai_api_token_details_total).',
      unit: 'percentunit',
      queries: [
        {
          expr:
            `sum by (model) (${perSecond('openai_api_token_details_total', ', type="cached_input"')})` +
            ` / (sum by (model) (${perSecond('openai_api_tokens_total', ', type="input"')}) > 0)`,
          legend: 'cached input {{model}}',
        },
        {
          expr:
            `sum by (model) (${perSecond('openai_api_token_details_total', ', type="reasoning"')})` +
            ` / (sum by (model) (${perSecond('openai_api_tokens_total', ', type="output"')}) > 0)`,
          legend: 'reasoning {{model}}',
        },
      ],
    })
      .min(0)
      .max(1),
  ];
}
