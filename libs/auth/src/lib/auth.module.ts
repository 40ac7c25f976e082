import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { AUTH_OPTIONS } from './auth.constants';
import type { AuthOptions } from './auth-options.interface';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Provides the guards and their options. Register `ApiKeyGuard` as `APP_GUARD` in the app. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    if (options.apiKeys.length === 0 || options.apiKeys.some((key) => key.length === 0)) {
      throw new Error('AuthModule: at least one non-empty API key is required');
    }
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: AUTH_OPTIONS, useValue: options }, ApiKeyGuard, MetricsTokenGuard],
      exports: [AUTH_OPTIONS, ApiKeyGuard, MetricsTokenGuard],
    };
  }
}
