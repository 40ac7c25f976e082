import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

/** The exact text committed under provisioning/dashboards: stable key order, 2-space indent, final newline. */
export function renderDashboardJson(model: dashboard.Dashboard): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
