import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { collectDefaultMetrics, type OpenMetricsContentType, register, Registry } from 'prom-client';
import { OpenAiClientService } from './client/openai-client.service';
import { MetricsController } from './controller/metrics.controller';
import { bindInstance, startRecorder, stopRecorder } from './instrumented/instrumentation-runtime';
import { InstrumentedExplorer } from './instrumented/instrumented.explorer';
import type { OpenAiMetricsOptionsFactory } from './interfaces/openai-metrics-options-factory.interface';
import type {
  OpenAiMetricsModuleAsyncOptions,
  OpenAiMetricsModuleOptions,
  OpenAiMetricsStaticOptions,
} from './interfaces/openai-metrics-options.interface';
import { OpenAiMetricSet } from './metrics/openai-metric-set';
import { openAiMetricProviders } from './metrics/openai-metrics.providers';
import { METRICS_ROUTE, OPENAI_METRICS_OPTIONS, OPENAI_METRICS_STATIC_OPTIONS } from './openai-metrics.constants';
import { OpenAiMetricsConfig } from './recorder/openai-metrics.config';
import { OpenAiMetricsRecorder } from './recorder/openai-metrics.recorder';

/**
 * Registers the OpenAI metrics, serves `/metrics`, provides `OpenAiClientService` and binds the
 * `@Instrumented` methods of this application's providers to this module's recorder. Global:
 * import it once, in the root module.
 */
@Module({})
export class OpenAiMetricsModule implements OnModuleInit, OnApplicationShutdown {
  /** @internal Built by Nest's injector. */
  constructor(
    private readonly recorder: OpenAiMetricsRecorder,
    private readonly config: OpenAiMetricsConfig,
    private readonly explorer: InstrumentedExplorer,
    @Inject(OPENAI_METRICS_STATIC_OPTIONS) private readonly staticOptions: OpenAiMetricsStaticOptions,
  ) {}

  static forRoot(options: OpenAiMetricsModuleOptions = {}): DynamicModule {
    const { metricsPath, controller, defaultMetrics, durationBuckets, exemplars, ...runtime } = options;
    return OpenAiMetricsModule.create(
      { metricsPath, controller, defaultMetrics, durationBuckets, exemplars },
      [{ provide: OPENAI_METRICS_OPTIONS, useValue: runtime }],
      [],
    );
  }

  /** The factory (or options-factory class) computes the runtime options; routes and metric shapes stay static. */
  static forRootAsync(options: OpenAiMetricsModuleAsyncOptions): DynamicModule {
    const { metricsPath, controller, defaultMetrics, durationBuckets, exemplars, imports } = options;
    return OpenAiMetricsModule.create(
      { metricsPath, controller, defaultMetrics, durationBuckets, exemplars },
      asyncOptionsProviders(options),
      imports ?? [],
    );
  }

  private static create(
    staticOptions: OpenAiMetricsStaticOptions,
    optionsProviders: Provider[],
    imports: NonNullable<DynamicModule['imports']>,
  ): DynamicModule {
    // Exemplars exist only in the OpenMetrics format; the global registry serves it from now on.
    if (staticOptions.exemplars) (register as unknown as Registry<OpenMetricsContentType>).setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
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
      imports: [...imports, DiscoveryModule, ...serving],
      providers: [
        ...optionsProviders,
        { provide: OPENAI_METRICS_STATIC_OPTIONS, useValue: staticOptions },
        ...openAiMetricProviders(staticOptions),
        OpenAiMetricSet.provider(),
        OpenAiMetricsConfig,
        OpenAiMetricsRecorder,
        OpenAiClientService,
        InstrumentedExplorer,
      ],
      exports: [OpenAiClientService, OpenAiMetricsRecorder, OpenAiMetricsConfig],
    };
  }

  onModuleInit(): void {
    if ((this.staticOptions.defaultMetrics ?? true) && !register.getSingleMetric('process_cpu_user_seconds_total')) {
      collectDefaultMetrics();
    }
    const { instances, operations } = this.explorer.explore();
    for (const instance of instances) bindInstance(instance, this.recorder);
    if (this.recorder.enabled) {
      for (const { capability, operation } of operations) this.recorder.operation(capability, operation).declare();
    }
    this.recorder.exportConfiguration();
    startRecorder(this.recorder);
    // Opt-in price updates run in the background; the price gauges follow when newer data arrives.
    void this.config.priceBook.start().then(() => this.recorder.exportPriceData());
  }

  /** After the HTTP server has closed, so requests still draining keep their retries and metrics. */
  onApplicationShutdown(): void {
    stopRecorder(this.recorder);
    this.config.priceBook.stop();
  }
}

function asyncOptionsProviders(options: OpenAiMetricsModuleAsyncOptions): Provider[] {
  if (options.useFactory) {
    return [{ provide: OPENAI_METRICS_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }];
  }
  const factoryClass = options.useExisting ?? options.useClass;
  if (!factoryClass) throw new Error('OpenAiMetricsModule.forRootAsync needs useFactory, useClass or useExisting');
  const fromFactory: Provider = {
    provide: OPENAI_METRICS_OPTIONS,
    useFactory: (factory: OpenAiMetricsOptionsFactory) => factory.createOpenAiMetricsOptions(),
    inject: [factoryClass],
  };
  return options.useExisting ? [fromFactory] : [fromFactory, { provide: factoryClass, useClass: factoryClass }];
}
