import { Test, type TestingModule } from '@nestjs/testing';
import { register } from 'prom-client';
import { OpenAiMetricsModule } from '../../src/lib/openai-metrics.module';
import type { OpenAiMetricsModuleOptions } from '../../src/lib/interfaces/openai-metrics-options.interface';

/** A Nest testing module with the metrics module active; close it and clear the registry after each spec. */
export async function metricsTestingModule(
  options: OpenAiMetricsModuleOptions = {},
  providers: NonNullable<Parameters<typeof Test.createTestingModule>[0]['providers']> = [],
): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      OpenAiMetricsModule.forRoot({
        metricsPath: false,
        defaultMetrics: false,
        openai: { apiKey: 'test-key', baseURL: 'http://127.0.0.1:9/v1' },
        // A loopback server is no provider the price database knows; price as OpenAI does.
        priceProvider: 'openai',
        ...options,
        retry: { baseDelayMs: 1, maxDelayMs: 20, ...options.retry },
      }),
    ],
    providers,
  }).compile();
  return moduleRef.init();
}

/** The same, with the module's SDK client talking to `simulator` (a 2 s timeout unless `options.openai` says otherwise). */
export function simulatorTestingModule(
  simulator: { baseURL: string },
  options: OpenAiMetricsModuleOptions = {},
  providers: Parameters<typeof metricsTestingModule>[1] = [],
): Promise<TestingModule> {
  return metricsTestingModule({ ...options, openai: { apiKey: 'sk-test', baseURL: simulator.baseURL, timeout: 2000, ...options.openai } }, providers);
}

export async function closeAndClear(moduleRef: TestingModule | undefined): Promise<void> {
  await moduleRef?.close();
  register.clear();
}
