import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { collectDefaultMetrics, register } from 'prom-client';
import { OpenAiClientService } from './client/openai-client.service';
import { MetricsController } from './controller/metrics.controller';
import { activateRecorder, deactivateRecorder } from './instrumented/instrumentation-runtime';
import type {
  OpenAiMetricsModuleAsyncOptions,
  OpenAiMetricsModuleOptions,
  OpenAiMetricsStaticOptions,
} from './interfaces/openai-metrics-options.interface';
import { openAiMetricProviders } from './metrics/openai-metrics.providers';
import { METRICS_ROUTE, OPENAI_METRICS_OPTIONS } from './openai-metrics.constants';
import { OpenAiMetricsConfig } from './recorder/openai-metrics.config';
import { OpenAiMetricsRecorder } from './recorder/openai-metrics.recorder';

const STATIC_OPTIONS = Symbol('OPENAI_METRICS_STATIC_OPTIONS');

/**
 * Registers the OpenAI metrics, serves `/metrics`, provides `OpenAiClientService` and activates
 * `@Instrumented`. Global: import it once, in the root module.
 */
@Module({})
export class OpenAiMetricsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly recorder: OpenAiMetricsRecorder,
    @Inject(STATIC_OPTIONS) private readonly staticOptions: OpenAiMetricsStaticOptions,
  ) {}

  static forRoot(options: OpenAiMetricsModuleOptions = {}): DynamicModule {
    const { metricsPath, controller, defaultMetrics, durationBuckets, ...runtime } = options;
    return OpenAiMetricsModule.create(
      { metricsPath, controller, defaultMetrics, durationBuckets },
      { provide: OPENAI_METRICS_OPTIONS, useValue: runtime },
      [],
    );
  }

  /** The factory computes the runtime options; routes and metric shapes stay static. */
  static forRootAsync(options: OpenAiMetricsModuleAsyncOptions): DynamicModule {
    const { metricsPath, controller, defaultMetrics, durationBuckets, useFactory, inject, imports } = options;
    return OpenAiMetricsModule.create(
      { metricsPath, controller, defaultMetrics, durationBuckets },
      { provide: OPENAI_METRICS_OPTIONS, useFactory, inject: inject ?? [] },
      imports ?? [],
    );
  }

  private static create(
    staticOptions: OpenAiMetricsStaticOptions,
    optionsProvider: Provider,
    imports: NonNullable<DynamicModule['imports']>,
  ): DynamicModule {
    const serving =
      staticOptions.metricsPath === false
        ? []
        : [
            PrometheusModule.register({
              path: staticOptions.metricsPath ?? METRICS_ROUTE,
              controller: staticOptions.controller ?? MetricsController,
              // Collected by this module instead, so that a second app in one process does not throw.
              defaultMetrics: { enabled: false },
            }),
          ];
    return {
      module: OpenAiMetricsModule,
      global: true,
      imports: [...imports, ...serving],
      providers: [
        optionsProvider,
        { provide: STATIC_OPTIONS, useValue: staticOptions },
        ...openAiMetricProviders(staticOptions.durationBuckets),
        OpenAiMetricsConfig,
        OpenAiMetricsRecorder,
        OpenAiClientService,
      ],
      exports: [OpenAiClientService, OpenAiMetricsRecorder, OpenAiMetricsConfig],
    };
  }

  onModuleInit(): void {
    if ((this.staticOptions.defaultMetrics ?? true) && !register.getSingleMetric('process_cpu_user_seconds_total')) {
      collectDefaultMetrics();
    }
    activateRecorder(this.recorder);
  }

  /** After the HTTP server has closed, so requests still draining keep their retries and metrics. */
  onApplicationShutdown(): void {
    deactivateRecorder(this.recorder);
  }
}
