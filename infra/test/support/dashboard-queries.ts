export interface DashboardQuery {
  panelId: number;
  panelTitle: string;
  refId: string;
  expr: string;
}

export interface DashboardVariableQuery {
  name: string;
  query: string;
}

interface PanelJson {
  id: number;
  title?: string;
  targets?: { refId?: string; expr?: string }[];
  panels?: PanelJson[];
}

interface DashboardJson {
  panels?: PanelJson[];
  templating?: { list?: { name: string; type: string; query?: unknown }[] };
}

/** Every panel of a dashboard model, including those nested in (collapsed) rows. */
export function flattenPanels(dashboard: unknown): PanelJson[] {
  const walk = (panels: PanelJson[] = []): PanelJson[] => panels.flatMap((panel) => [panel, ...walk(panel.panels)]);
  return walk((dashboard as DashboardJson).panels);
}

/** Every PromQL `expr` of every panel target, with the template variables still in place. */
export function extractDashboardQueries(dashboard: unknown): DashboardQuery[] {
  return flattenPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? [])
      .filter((target) => typeof target.expr === 'string')
      .map((target) => ({
        panelId: panel.id,
        panelTitle: panel.title ?? '',
        refId: target.refId ?? '',
        expr: target.expr as string,
      })),
  );
}

/** The query of every `query` template variable (label_values(...) and friends, not plain PromQL). */
export function extractVariableQueries(dashboard: unknown): DashboardVariableQuery[] {
  return ((dashboard as DashboardJson).templating?.list ?? [])
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = variable.query;
      const text = typeof query === 'string' ? query : String((query as { query?: unknown })?.query ?? '');
      return { name: variable.name, query: text };
    });
}

/**
 * Turns Grafana's `label_values(selector, label)` into PromQL that returns one series per label value,
 * so a variable query can be checked against Prometheus like any panel query.
 */
export function labelValuesToPromql(query: string): string {
  const match = /^\s*label_values\(\s*(?:(.+),\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(query);
  if (!match) throw new Error(`not a label_values() query: ${query}`);
  const [, selector, label] = match;
  return `group by (${label}) (${selector ?? `{${label}!=""}`})`;
}
