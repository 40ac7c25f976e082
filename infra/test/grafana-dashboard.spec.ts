import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DASHBOARDS } from '../grafana/dashboards-src/generate-dashboards';
import { renderDashboardJson } from '../grafana/dashboards-src/render-dashboard-json';
import {
  DASHBOARDS_DIR,
  extractDashboardQueries,
  extractVariableQueries,
  flattenPanels,
  INFRA_DIR,
  OPENAI_API_DASHBOARD_JSON,
  referencedVariables,
} from './support';

interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos?: GridPos;
  collapsed?: boolean;
  panels?: Panel[];
  datasource?: { uid?: string };
  targets?: { refId: string; expr: string; datasource?: { uid?: string } }[];
  fieldConfig?: { defaults?: { unit?: string } };
}
interface Variable {
  name: string;
  type: string;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  datasource?: { uid?: string };
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
}

const DATASOURCE_UID = 'openai-prometheus';
const dashboard = JSON.parse(readFileSync(OPENAI_API_DASHBOARD_JSON, 'utf8')) as Dashboard;
const panels = flattenPanels(dashboard) as Panel[];
const dataPanels = panels.filter((panel) => panel.type !== 'row');

describe('generated Grafana dashboards', () => {
  it.each(GENERATED_DASHBOARDS.map((generated) => generated.fileName))('%s is up to date', (fileName) => {
    const generated = GENERATED_DASHBOARDS.find((candidate) => candidate.fileName === fileName);
    const committed = readFileSync(join(DASHBOARDS_DIR, fileName), 'utf8');
    const fresh = renderDashboardJson(generated?.build() as never);
    if (committed !== fresh) {
      throw new Error(
        `infra/grafana/provisioning/dashboards/${fileName} is stale: run \`npx nx run infra:dashboard\` and commit it.`,
      );
    }
  });
});

describe('OpenAI API dashboard', () => {
  it('has a fixed uid, a title and a schema version', () => {
    expect(dashboard.uid).toBe('openai-api');
    expect(dashboard.title).toBe('OpenAI API');
    expect(Number.isInteger(dashboard.schemaVersion)).toBe(true);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
  });

  it.each([
    ['Requests per second by capability and operation', 'reqps', 'capability_operation:openai_api_requests:rate5m'],
    ['Success ratio', 'percentunit', 'capability_operation:openai_api_success_ratio:rate5m'],
    ['Request duration p50 / p95 / p99', 'ms', 'capability_operation:openai_api_request_duration_ms:p99_5m'],
    ['Failures per second', 'reqps', 'capability_operation:openai_api_failures:rate5m'],
    ['Tokens per minute by model and type', 'short', 'openai_api_tokens_total'],
    ['Estimated cost per hour by model', 'currencyUSD', 'openai_api_cost_usd_total'],
    ['Errors by type', 'reqps', 'openai_api_errors_total'],
    ['Retries by cause', 'reqps', 'openai_api_retries_total'],
    ['In-flight operations', 'short', 'openai_api_in_flight'],
    ['Rate-limit headroom', 'percentunit', 'openai_api_ratelimit_remaining'],
    ['Time to first token p50 / p95', 'ms', 'openai_api_time_to_first_token_ms_bucket'],
    ['Cached and reasoning token share', 'percentunit', 'openai_api_token_details_total'],
  ])('has the panel "%s" in %s reading %s', (title, unit, metric) => {
    const panel = dataPanels.find((candidate) => candidate.title === title && candidate.type === 'timeseries');
    expect(panel).toBeDefined();
    expect(panel?.fieldConfig?.defaults?.unit).toBe(unit);
    expect(panel?.targets?.some((target) => target.expr.includes(metric))).toBe(true);
  });

  it('shows p50, p95 and p99 durations and p50 and p95 time to first token', () => {
    const exprs = (title: string) => dataPanels.find((panel) => panel.title === title)?.targets?.map((t) => t.expr) ?? [];
    expect(exprs('Request duration p50 / p95 / p99').join('\n')).toMatch(/p50_5m[\s\S]*p95_5m[\s\S]*p99_5m/);
    expect(exprs('Time to first token p50 / p95')).toEqual([
      expect.stringContaining('histogram_quantile(0.5,'),
      expect.stringContaining('histogram_quantile(0.95,'),
    ]);
  });

  it('has unique panel ids', () => {
    const ids = panels.map((panel) => panel.id);
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('places every panel on the 24-column grid without overlaps', () => {
    // Panels nested in a collapsed row are laid out only when the row opens, so they are checked on their own.
    const visible = dashboard.panels;
    for (const panel of panels) {
      const pos = panel.gridPos as GridPos;
      expect(pos).toBeDefined();
      expect([pos.x, pos.y, pos.w, pos.h].every(Number.isInteger)).toBe(true);
      expect(pos.w).toBeGreaterThan(0);
      expect(pos.h).toBeGreaterThan(0);
      expect(pos.x).toBeGreaterThanOrEqual(0);
      expect(pos.x + pos.w).toBeLessThanOrEqual(24);
    }
    for (const [i, a] of visible.entries()) {
      for (const b of visible.slice(i + 1)) {
        expect({ a: a.id, b: b.id, overlap: overlaps(a.gridPos as GridPos, b.gridPos as GridPos) }).toEqual({
          a: a.id,
          b: b.id,
          overlap: false,
        });
      }
    }
  });

  it('queries Prometheus by the provisioned datasource uid only', () => {
    for (const panel of dataPanels) {
      expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({ panel: panel.title, uid: DATASOURCE_UID });
      expect(panel.targets?.length).toBeGreaterThan(0);
      const refIds = panel.targets?.map((target) => target.refId) ?? [];
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const target of panel.targets ?? []) {
        expect({ panel: panel.title, uid: target.datasource?.uid }).toEqual({ panel: panel.title, uid: DATASOURCE_UID });
        expect(target.expr.trim()).not.toBe('');
      }
    }
    for (const variable of dashboard.templating.list) {
      expect(variable.datasource?.uid).toBe(DATASOURCE_UID);
    }
  });

  it('defines environment, capability, operation and model as multi-value label_values variables with All', () => {
    const variables = dashboard.templating.list;
    expect(variables.map((variable) => variable.name)).toEqual(['environment', 'capability', 'operation', 'model']);
    for (const variable of variables) {
      expect(variable).toMatchObject({ type: 'query', multi: true, includeAll: true, allValue: '.*' });
    }
    for (const { query } of extractVariableQueries(dashboard)) {
      expect(query).toMatch(/^label_values\(/);
    }
  });

  it('refers only to variables it defines or Grafana provides', () => {
    const defined = new Set(dashboard.templating.list.map((variable) => variable.name));
    const texts = [
      ...extractDashboardQueries(dashboard).map((query) => query.expr),
      ...extractVariableQueries(dashboard).map((variable) => variable.query),
    ];
    const used = new Set(texts.flatMap(referencedVariables));
    for (const name of used) {
      expect({ name, known: defined.has(name) || name.startsWith('__') }).toEqual({ name, known: true });
    }
    for (const name of defined) {
      expect(used.has(name)).toBe(true);
    }
  });

  it('is documented panel by panel in infra/README.md', () => {
    const readme = readFileSync(join(INFRA_DIR, 'README.md'), 'utf8');
    for (const panel of dataPanels) {
      expect({ panel: panel.title, documented: readme.includes(`| ${panel.title}`) }).toEqual({
        panel: panel.title,
        documented: true,
      });
    }
  });

  it('filters every panel query by environment', () => {
    for (const query of extractDashboardQueries(dashboard)) {
      expect({ panel: query.panelTitle, expr: query.expr }).toEqual({
        panel: query.panelTitle,
        expr: expect.stringContaining('environment=~"$environment"'),
      });
    }
  });
});

function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
