import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { costPanels } from './panels/cost.panels';
import { errorPanels } from './panels/errors.panels';
import { latencyPanels } from './panels/latency.panels';
import { overviewPanels } from './panels/overview.panels';
import { rateLimitPanels } from './panels/rate-limit.panels';
import { sloPanels } from './panels/slo.panels';
import { tokensAndCostPanels } from './panels/tokens-cost.panels';
import { trafficPanels } from './panels/traffic.panels';
import { usagePanels } from './panels/usage.panels';
import { openAiVariables } from './variables';

export const OPENAI_API_DASHBOARD_UID = 'openai-api';

interface Section {
  rowId: number;
  title: string;
  panels: cog.Builder<dashboard.Panel>[];
}

function sections(): Section[] {
  return [
    { rowId: 1, title: 'Overview', panels: overviewPanels() },
    { rowId: 10, title: 'Traffic', panels: trafficPanels() },
    { rowId: 20, title: 'Latency', panels: latencyPanels() },
    { rowId: 30, title: 'Tokens and cost', panels: tokensAndCostPanels() },
    { rowId: 40, title: 'Errors and retries', panels: errorPanels() },
    { rowId: 50, title: 'Rate limits', panels: rateLimitPanels() },
    { rowId: 60, title: 'Usage by operation', panels: usagePanels() },
    { rowId: 70, title: 'Cost', panels: costPanels() },
    { rowId: 80, title: 'SLOs', panels: sloPanels() },
  ];
}

export function openAiApiDashboard(): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder('OpenAI API')
    .uid(OPENAI_API_DASHBOARD_UID)
    .description(
      'OpenAI API calls made by the ai service: traffic, latency, tokens, cost, errors, rate limits, usage, budgets and SLOs.',
    )
    .tags(['openai', 'prometheus'])
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .time({ from: 'now-1h', to: 'now' })
    .refresh('30s')
    .variables(openAiVariables());

  // Expanded rows: the panels follow the row at top level, which the builder lays out on the 24-column grid.
  for (const section of sections()) {
    builder.withRow(new dashboard.RowBuilder(section.title).id(section.rowId));
    section.panels.forEach((panel) => builder.withPanel(panel));
  }
  return builder.build();
}
