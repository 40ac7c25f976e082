import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { openAiApiDashboard } from './openai-api.dashboard';
import { renderDashboardJson } from './render-dashboard-json';

export const PROVISIONED_DASHBOARDS_DIR = join(__dirname, '..', 'provisioning', 'dashboards');

export interface GeneratedDashboard {
  fileName: string;
  build: () => dashboard.Dashboard;
}

export const GENERATED_DASHBOARDS: GeneratedDashboard[] = [{ fileName: 'openai-api.json', build: openAiApiDashboard }];

export function generateDashboards(outputDir = PROVISIONED_DASHBOARDS_DIR): string[] {
  return GENERATED_DASHBOARDS.map(({ fileName, build }) => {
    const path = join(outputDir, fileName);
    writeFileSync(path, renderDashboardJson(build()));
    return path;
  });
}

if (require.main === module) {
  for (const path of generateDashboards()) {
    process.stdout.write(`wrote ${path}\n`);
  }
}
