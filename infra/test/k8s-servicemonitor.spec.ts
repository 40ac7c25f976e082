import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { INFRA_DIR } from './support';

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  stringData?: Record<string, string>;
  spec?: {
    endpoints: {
      path: string;
      interval: string;
      authorization?: { type: string; credentials: { name: string; key: string } };
      relabelings?: { targetLabel: string; replacement: string }[];
    }[];
  };
}

const manifests = parseAllDocuments(readFileSync(join(INFRA_DIR, 'k8s', 'servicemonitor.yaml'), 'utf8')).map(
  (document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as Manifest;
  },
);

describe('infra/k8s/servicemonitor.yaml', () => {
  const serviceMonitor = manifests.find((manifest) => manifest.kind === 'ServiceMonitor');
  const endpoint = serviceMonitor?.spec?.endpoints[0];

  it('scrapes /metrics with a bearer token from a Secret that is defined alongside', () => {
    expect(endpoint).toMatchObject({ path: '/metrics', interval: '15s' });
    const credentials = endpoint?.authorization?.credentials;
    const secret = manifests.find((manifest) => manifest.kind === 'Secret' && manifest.metadata.name === credentials?.name);
    expect(endpoint?.authorization?.type).toBe('Bearer');
    expect(secret?.metadata.namespace).toBe(serviceMonitor?.metadata.namespace);
    expect(Object.keys(secret?.stringData ?? {})).toContain(credentials?.key);
  });

  it('sets the job, service and environment labels the rules and the dashboard rely on', () => {
    const labels = Object.fromEntries((endpoint?.relabelings ?? []).map((r) => [r.targetLabel, r.replacement]));
    expect(labels).toEqual({ job: 'ai', service: 'ai', environment: expect.any(String) });
  });
});
