import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ALERTMANAGER_CONFIG } from './infra-paths';

export interface AlertmanagerRoute {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  routes?: AlertmanagerRoute[];
}

export interface AlertmanagerConfig {
  global?: Record<string, unknown>;
  route: AlertmanagerRoute;
  inhibit_rules?: { source_matchers: string[]; target_matchers: string[]; equal?: string[] }[];
  receivers: { name: string; webhook_configs?: { url: string; send_resolved?: boolean }[] }[];
}

export interface AlertmanagerTestTiming {
  groupWait: string;
  groupInterval: string;
}

export function readCommittedAlertmanagerConfig(path = ALERTMANAGER_CONFIG): AlertmanagerConfig {
  return parse(readFileSync(path, 'utf8')) as AlertmanagerConfig;
}

/**
 * The committed alertmanager.yml for a test: every receiver posts to `${webhookBaseUrl}/<receiver name>` (loopback,
 * instead of the placeholder integrations) and, when `timing` is given, groups wait and repeat their flush in seconds
 * instead of minutes. Routing, grouping labels, repeat intervals and inhibitions stay as committed.
 */
export function buildTestAlertmanagerConfig(
  webhookBaseUrl: string,
  timing?: AlertmanagerTestTiming,
  base: AlertmanagerConfig = readCommittedAlertmanagerConfig(),
): AlertmanagerConfig {
  const retime = (route: AlertmanagerRoute): AlertmanagerRoute => ({
    ...route,
    ...(timing && route.group_wait !== undefined ? { group_wait: timing.groupWait } : {}),
    ...(timing && route.group_interval !== undefined ? { group_interval: timing.groupInterval } : {}),
    ...(route.routes ? { routes: route.routes.map(retime) } : {}),
  });
  return {
    ...base,
    route: timing ? { ...retime(base.route), group_wait: timing.groupWait, group_interval: timing.groupInterval } : base.route,
    receivers: base.receivers.map((receiver) => ({
      name: receiver.name,
      webhook_configs: [{ url: `${webhookBaseUrl}/${receiver.name}`, send_resolved: true }],
    })),
  };
}
