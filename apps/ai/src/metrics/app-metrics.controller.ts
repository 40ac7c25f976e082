import { UseGuards } from '@nestjs/common';
import { MetricsTokenGuard, Public } from '@openai-monitoring/auth';
import { MetricsController } from '@openai-monitoring/openai-metrics';

/** `/metrics` stays outside the API-key guard for Prometheus; METRICS_TOKEN, when set, protects it. */
@Public()
@UseGuards(MetricsTokenGuard)
export class AppMetricsController extends MetricsController {}
