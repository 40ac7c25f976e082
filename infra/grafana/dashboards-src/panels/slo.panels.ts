import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { ENVIRONMENT_FILTER, OPERATION_FILTER } from '../label-filters';
import { barGaugePanel, timeseriesPanel } from '../panel-builders';
import { dashedThresholds, higherIsBetter, lowerIsBetter } from './thresholds';

const BY_OPERATION = 'environment, capability, operation';
const AVAILABILITY_BUDGET = `(1 - environment:openai_api_availability_slo:target{${ENVIRONMENT_FILTER}})`;
const LATENCY_BUDGET = `(1 - environment:openai_api_latency_slo:target{${ENVIRONMENT_FILTER}})`;

function increase30d(selector: string): string {
  return `sum by (${BY_OPERATION}) (increase(${selector}[30d]))`;
}

/** 1 - (bad share over 30 days / error budget): 100% = untouched, 0% = spent, below 0 = overspent. */
function budgetRemaining(badShare: string, budget: string): string {
  return `1 - (${badShare}) / on (environment) group_left () ${budget}`;
}

const REQUESTS = `openai_api_requests_total{${OPERATION_FILTER}}`;
const FAILURES = `openai_api_requests_total{${OPERATION_FILTER}, status="failure"}`;
const FAST = `openai_api_request_duration_ms_bucket{${OPERATION_FILTER}, status="success", le="10000"}`;
const SUCCESSES = `openai_api_request_duration_ms_bucket{${OPERATION_FILTER}, status="success", le="+Inf"}`;

function burnRatePanel(id: number, title: string, description: string, ratioRule: string, budget: string) {
  return timeseriesPanel({
    id,
    title,
    description,
    unit: 'short',
    queries: [
      {
        expr: `max by (capability, operation) (${ratioRule}{${OPERATION_FILTER}} / on (environment) group_left () ${budget})`,
        legend: '{{capability}}/{{operation}}',
      },
    ],
  })
    .min(0)
    .thresholds(lowerIsBetter(6, 14.4))
    .thresholdsStyle(dashedThresholds());
}

/** The SLOs of infra/prometheus/rules/openai-slo.rules.yml: budget left over the 30-day period and burn rates. */
export function sloPanels(): cog.Builder<dashboard.Panel>[] {
  return [
    barGaugePanel({
      id: 81,
      title: 'Availability error budget remaining (30 days)',
      description:
        'Share of the availability error budget (1 - environment:openai_api_availability_slo:target of the ' +
        'operations may fail) not yet spent by the failures of the last 30 days.',
      unit: 'percentunit',
      queries: [
        {
          expr: budgetRemaining(
            `(${increase30d(FAILURES)} or 0 * ${increase30d(REQUESTS)}) / (${increase30d(REQUESTS)} > 0)`,
            AVAILABILITY_BUDGET,
          ),
          legend: '{{capability}}/{{operation}}',
        },
      ],
    })
      .max(1)
      .thresholds(higherIsBetter(0, 0.25)),
    barGaugePanel({
      id: 82,
      title: 'Latency error budget remaining (30 days)',
      description:
        'Share of the latency error budget (successful operations slower than 10 s) not yet spent over the last 30 days.',
      unit: 'percentunit',
      queries: [
        {
          expr: budgetRemaining(`1 - ${increase30d(FAST)} / (${increase30d(SUCCESSES)} > 0)`, LATENCY_BUDGET),
          legend: '{{capability}}/{{operation}}',
        },
      ],
    })
      .max(1)
      .thresholds(higherIsBetter(0, 0.25)),
    burnRatePanel(
      83,
      'Availability burn rate (1 hour)',
      'Failure ratio over 1 h / error budget: 1 spends the budget in exactly 30 days; the page alert needs 14.4 ' +
        '(with the 5 min window) or 6 over 6 h.',
      'capability_operation:openai_api_failure_ratio:rate1h',
      AVAILABILITY_BUDGET,
    ),
    burnRatePanel(
      84,
      'Latency burn rate (1 hour)',
      'Share of successful operations slower than 10 s over 1 h / latency error budget.',
      'capability_operation:openai_api_slow_ratio:rate1h',
      LATENCY_BUDGET,
    ),
  ];
}
