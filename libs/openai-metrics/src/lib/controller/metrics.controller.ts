import { Controller } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';

/**
 * Serves the prom-client registry. It carries no auth metadata: an app that guards every route
 * subclasses it and passes the subclass as `controller`, e.g. `@Public() class AppMetricsController
 * extends MetricsController {}`.
 */
@Controller()
export class MetricsController extends PrometheusController {}
