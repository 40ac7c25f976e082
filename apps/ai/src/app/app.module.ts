import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApiKeyGuard, AuthModule } from '@openai-monitoring/auth';
import { OpenAiMetricsModule } from '@openai-monitoring/openai-metrics';
import { ChatController } from '../chat/chat.controller';
import { ChatService } from '../chat/chat.service';
import { ClassificationsController } from '../classifications/classifications.controller';
import { ClassificationsService } from '../classifications/classifications.service';
import { ApiKeyThrottlerGuard } from '../common/api-key-throttler.guard';
import { UpstreamErrorFilter } from '../common/upstream-error.filter';
import type { AiConfig } from '../config/ai-config';
import { AI_CONFIG } from '../config/ai-config.constants';
import { HealthController } from '../health/health.controller';
import { AppMetricsController } from '../metrics/app-metrics.controller';
import { SummariesController } from '../summaries/summaries.controller';
import { SummariesService } from '../summaries/summaries.service';
import { currentTenant } from '../tenancy/request-context';

/** The reference service: how an app wires the OpenAI metrics module, auth and rate limits. */
@Module({})
export class AppModule {
  static forConfig(config: AiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        OpenAiMetricsModule.forRoot({
          openai: { apiKey: config.openai.apiKey, baseURL: config.openai.baseURL, timeout: config.openai.timeoutMs },
          retry: config.retry,
          pricing: config.pricing,
          priceProvider: config.priceProvider,
          models: [config.openai.model],
          deployments: config.deployments,
          // The API key's name, attached by ApiKeyGuard: never the key.
          tenant: { resolve: () => currentTenant() },
          budgets: config.budgets,
          exemplars: config.exemplars,
          enabled: config.metricsEnabled,
          controller: AppMetricsController,
        }),
        AuthModule.forRoot({ apiKeys: config.apiKeys, metricsToken: config.metricsToken }),
        ThrottlerModule.forRoot({ throttlers: [{ ttl: config.throttle.ttlMs, limit: config.throttle.limit }] }),
      ],
      controllers: [HealthController, SummariesController, ClassificationsController, ChatController],
      providers: [
        { provide: AI_CONFIG, useValue: config },
        // Guards run in this order: authenticate first, then rate limit the authenticated key.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: ApiKeyThrottlerGuard },
        { provide: APP_FILTER, useClass: UpstreamErrorFilter },
        SummariesService,
        ClassificationsService,
        ChatService,
      ],
    };
  }
}
