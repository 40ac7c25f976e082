import { Controller, Get, Optional, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { Registry, register } from 'prom-client';
import { clusterMetrics, isClusterWorker } from '../cluster/cluster-metrics';
import { renderRegistry } from '../metrics/render-registry';
import { OpenAiMetricsRecorder } from '../recorder/openai-metrics.recorder';

interface HeaderSetter {
  header(name: string, value: string): unknown;
}

/**
 * Serves the prom-client registry; a metric that fails to render is left out, never the whole
 * answer. It carries no auth metadata: an app that guards every route subclasses it and passes the
 * subclass as `controller`, e.g. `@Public() class AppMetricsController extends MetricsController {}`.
 */
@Controller()
export class MetricsController extends PrometheusController {
  constructor(@Optional() private readonly recorder?: OpenAiMetricsRecorder) {
    super();
  }

  @Get()
  override async index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    // A node:cluster worker answers for the whole instance with the primary's sum of every worker's
    // metrics, in the Prometheus text format (exemplars do not survive the sum).
    if (isClusterWorker()) {
      (response as HeaderSetter).header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE);
      return clusterMetrics();
    }
    (response as HeaderSetter).header('Content-Type', register.contentType);
    return renderRegistry(register, (error) => this.recorder?.instrumentationError('render', error));
  }
}
