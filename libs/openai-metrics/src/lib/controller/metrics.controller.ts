import { Controller, Get, Optional, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
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
    (response as HeaderSetter).header('Content-Type', register.contentType);
    // A node:cluster worker answers for the whole instance: the primary sums every worker's metrics.
    if (isClusterWorker()) return clusterMetrics();
    return renderRegistry(register, (error) => this.recorder?.instrumentationError('render', error));
  }
}
