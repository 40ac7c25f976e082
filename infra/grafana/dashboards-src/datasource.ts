import type * as common from '@grafana/grafana-foundation-sdk/common';

/** Matches the uid provisioned in infra/grafana/provisioning/datasources/prometheus.yml. */
export const PROMETHEUS_DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: 'openai-prometheus' };
