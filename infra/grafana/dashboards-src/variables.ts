import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS_DATASOURCE } from './datasource';

function labelValuesVariable(name: string, label: string, query: string): dashboard.QueryVariableBuilder {
  return new dashboard.QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS_DATASOURCE)
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    // With a custom all value, "All" stays a short regex instead of an alternation of every value.
    .allValue('.*')
    .current({ text: 'All', value: '$__all' });
}

export function openAiVariables(): dashboard.QueryVariableBuilder[] {
  return [
    labelValuesVariable('environment', 'Environment', 'label_values(openai_api_requests_total, environment)'),
    labelValuesVariable(
      'capability',
      'Capability',
      'label_values(openai_api_requests_total{environment=~"$environment"}, capability)',
    ),
    labelValuesVariable(
      'operation',
      'Operation',
      'label_values(openai_api_requests_total{environment=~"$environment", capability=~"$capability"}, operation)',
    ),
    labelValuesVariable(
      'model',
      'Model',
      'label_values(openai_api_tokens_total{environment=~"$environment", capability=~"$capability", operation=~"$operation"}, model)',
    ),
  ];
}
