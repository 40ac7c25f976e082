import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { MODEL_FILTER } from '../label-filters';
import { timeseriesPanel } from '../panel-builders';
import { dashedThresholds, higherIsBetter } from './thresholds';

export function rateLimitPanels(): cog.Builder<dashboard.Panel>[] {
  return [
    timeseriesPanel({
      id: 51,
      title: 'Rate-limit headroom',
      description:
        'openai_api_ratelimit_remaining / openai_api_ratelimit_limit from the x-ratelimit-* response headers; ' +
        'the lowest remaining across replicas.',
      unit: 'percentunit',
      queries: [
        {
          expr:
            `min by (model, type) (openai_api_ratelimit_remaining{${MODEL_FILTER}})` +
            ` / (max by (model, type) (openai_api_ratelimit_limit{${MODEL_FILTER}}) > 0)`,
          legend: '{{model}} {{type}}',
        },
      ],
    })
      .min(0)
      .max(1)
      .thresholds(higherIsBetter(0.1, 0.25))
      .thresholdsStyle(dashedThresholds()),
    timeseriesPanel({
      id: 52,
      title: 'Rate-limit reset',
      description: 'openai_api_ratelimit_reset_seconds: time until the request / token budget is refilled.',
      unit: 's',
      queries: [
        {
          expr: `max by (model, type) (openai_api_ratelimit_reset_seconds{${MODEL_FILTER}})`,
          legend: '{{model}} {{type}}',
        },
      ],
    }).min(0),
  ];
}
