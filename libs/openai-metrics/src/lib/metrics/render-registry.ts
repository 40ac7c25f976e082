import { Registry } from 'prom-client';

type Metric = ReturnType<Registry['getMetricsAsArray']>[number];

interface RegistryInternals {
  /** prom-client 15's per-metric renderer, which `registry.metrics()` maps over all metrics. */
  getMetricsAsString?: (metric: Metric) => Promise<string>;
}

/**
 * `registry.metrics()`, except that a metric whose `collect()` or rendering throws is left out
 * (and reported) instead of failing the whole answer.
 */
export async function renderRegistry(registry: Registry, onError: (error: unknown) => void): Promise<string> {
  const render = (registry as unknown as RegistryInternals).getMetricsAsString;
  if (typeof render !== 'function') return registry.metrics();
  const openMetrics = (registry.contentType as string) === Registry.OPENMETRICS_CONTENT_TYPE;
  const parts = await Promise.all(
    registry.getMetricsAsArray().map(async (metric) => {
      // As prom-client does: OpenMetrics names a counter without `_total` and suffixes its samples.
      if (openMetrics && (metric as unknown as { type?: string }).type === 'counter') {
        (metric as { name: string }).name = metric.name.replace(/_total$/, '');
      }
      try {
        return await render.call(registry, metric);
      } catch (error) {
        onError(error);
        return undefined;
      }
    }),
  );
  const rendered = parts.filter((part): part is string => part !== undefined);
  return openMetrics ? `${rendered.join('\n')}\n# EOF\n` : `${rendered.join('\n\n')}\n`;
}
