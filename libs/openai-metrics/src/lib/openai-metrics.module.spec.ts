import { type CanActivate, Injectable, type INestApplication, Module, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { register } from 'prom-client';
import request from 'supertest';
import { OpenAiClientService } from './client/openai-client.service';
import { MetricsController } from './controller/metrics.controller';
import { recorderFor } from './instrumented/instrumentation-runtime';
import type { OpenAiMetricsOptionsFactory } from './interfaces/openai-metrics-options-factory.interface';
import { OpenAiMetricsModule } from './openai-metrics.module';
import { OpenAiMetricsConfig } from './recorder/openai-metrics.config';
import { OpenAiMetricsRecorder } from './recorder/openai-metrics.recorder';

@Injectable()
class DenyAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@UseGuards(DenyAll)
class GuardedMetricsController extends MetricsController {}

@Injectable()
class SettingsService {
  readonly apiKey = 'from-factory';
}

@Module({ providers: [SettingsService], exports: [SettingsService] })
class SettingsModule {}

describe('OpenAiMetricsModule', () => {
  let app: INestApplication | undefined;

  async function boot(imports: Parameters<typeof Test.createTestingModule>[0]['imports']) {
    const moduleRef = await Test.createTestingModule({ imports }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
    register.clear();
  });

  it('serves every OpenAI metric and the process metrics at /metrics', async () => {
    await boot([OpenAiMetricsModule.forRoot({ openai: { apiKey: 'k' } })]);
    app!.get(OpenAiMetricsRecorder).recordSuccess({ capability: 'a', operation: 'b', durationMs: 1, calls: [] });
    const response = await request(app!.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toContain('text/plain');
    for (const name of [
      'openai_api_requests_total',
      'openai_api_request_duration_ms',
      'openai_api_tokens_total',
      'openai_api_cost_usd_total',
      'openai_api_token_details_total',
      'openai_api_errors_total',
      'openai_api_retries_total',
      'openai_api_in_flight',
      'openai_api_ratelimit_remaining',
      'openai_api_ratelimit_limit',
      'openai_api_ratelimit_reset_seconds',
      'openai_api_time_to_first_token_ms',
    ]) {
      expect(response.text).toContain(`# TYPE ${name} `);
    }
    expect(response.text).toContain('openai_api_requests_total{capability="a",operation="b",status="success"} 1');
    expect(response.text).toContain('process_cpu_user_seconds_total');
  });

  it('serves another path, or none, and can skip process metrics', async () => {
    await boot([OpenAiMetricsModule.forRoot({ metricsPath: '/internal/metrics', defaultMetrics: false })]);
    const served = await request(app!.getHttpServer()).get('/internal/metrics').expect(200);
    expect(served.text).not.toContain('process_cpu_user_seconds_total');
    await request(app!.getHttpServer()).get('/metrics').expect(404);
    await app!.close();
    register.clear();

    await boot([OpenAiMetricsModule.forRoot({ metricsPath: false, defaultMetrics: false })]);
    await request(app!.getHttpServer()).get('/metrics').expect(404);
    await request(app!.getHttpServer()).get('/internal/metrics').expect(404);
  });

  it('routes /metrics through a custom controller subclass', async () => {
    await boot([OpenAiMetricsModule.forRoot({ controller: GuardedMetricsController, defaultMetrics: false })]);
    await request(app!.getHttpServer()).get('/metrics').expect(403);
  });

  it('takes runtime options from an injected factory', async () => {
    await boot([
      OpenAiMetricsModule.forRootAsync({
        imports: [SettingsModule],
        inject: [SettingsService],
        useFactory: (settings: SettingsService) => ({
          openai: { apiKey: settings.apiKey, baseURL: 'http://127.0.0.1:9/v1' },
          retry: { maxAttempts: 5 },
          models: ['custom-model'],
        }),
        defaultMetrics: false,
      }),
    ]);
    const config = app!.get(OpenAiMetricsConfig);
    expect(config.retryPolicy.maxAttempts).toBe(5);
    expect(config.modelGuard.label('custom-model')).toBe('custom-model');
    const client = app!.get(OpenAiClientService).client;
    expect(client.apiKey).toBe('from-factory');
    expect(client.maxRetries).toBe(0);
    await request(app!.getHttpServer()).get('/metrics').expect(200);
  });

  it('forces the SDK to a single attempt whatever it is given', async () => {
    await boot([
      OpenAiMetricsModule.forRoot({
        openai: { apiKey: 'k', maxRetries: 7, timeout: 1234 } as never,
        defaultMetrics: false,
      }),
    ]);
    const client = app!.get(OpenAiClientService).client;
    expect(client.maxRetries).toBe(0);
    expect(client.timeout).toBe(1234);
  });

  it('takes runtime options from an options factory class, with useClass or useExisting', async () => {
    @Injectable()
    class MetricsOptions implements OpenAiMetricsOptionsFactory {
      createOpenAiMetricsOptions() {
        return { openai: { apiKey: 'from-class', baseURL: 'http://127.0.0.1:9/v1' }, models: ['class-model'] };
      }
    }
    @Module({ providers: [MetricsOptions], exports: [MetricsOptions] })
    class OptionsModule {}
    await boot([OpenAiMetricsModule.forRootAsync({ useClass: MetricsOptions, defaultMetrics: false })]);
    expect(app!.get(OpenAiClientService).client.apiKey).toBe('from-class');
    await app!.close();
    register.clear();
    await boot([OpenAiMetricsModule.forRootAsync({ imports: [OptionsModule], useExisting: MetricsOptions, defaultMetrics: false })]);
    expect(app!.get(OpenAiMetricsConfig).modelGuard.label('class-model')).toBe('class-model');
    expect(() => OpenAiMetricsModule.forRootAsync({})).toThrow(/useFactory, useClass or useExisting/);
  });

  it('answers instances outside any container with the running recorder until the application has shut down', async () => {
    await boot([OpenAiMetricsModule.forRoot({ defaultMetrics: false })]);
    const recorder = app!.get(OpenAiMetricsRecorder);
    expect(recorderFor({})).toBe(recorder);
    await app!.close();
    expect(recorderFor({})).toBeUndefined();
    app = undefined;
  });

  it('rejects invalid prices at startup', async () => {
    await expect(
      boot([OpenAiMetricsModule.forRoot({ pricing: { broken: { input: -1, output: 1 } }, defaultMetrics: false })]),
    ).rejects.toThrow(/pricing\["broken"\]\.input/);
  });
});
