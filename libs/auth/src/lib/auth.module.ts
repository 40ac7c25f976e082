import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { AUTH_OPTIONS } from './auth.constants';
import type { AuthOptions } from './auth-options.interface';
import { MetricsTokenGuard } from './metrics-token.guard';
import { namedApiKeys } from './named-api-keys';

/** Provides the guards and their options. Register `ApiKeyGuard` as `APP_GUARD` in the app. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    const keys = namedApiKeys(options.apiKeys);
    if (keys.length === 0 || keys.some(({ key }) => key.length === 0)) {
      throw new Error('AuthModule: at least one non-empty API key is required');
    }
    if (keys.some(({ name }) => name.length === 0)) throw new Error('AuthModule: every named API key needs a non-empty name');
    if (new Set(keys.map(({ key }) => key)).size !== keys.length) {
      throw new Error('AuthModule: the same API key is configured twice (it could only authenticate as one name)');
    }
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: AUTH_OPTIONS, useValue: options }, ApiKeyGuard, MetricsTokenGuard],
      exports: [AUTH_OPTIONS, ApiKeyGuard, MetricsTokenGuard],
    };
  }
}
