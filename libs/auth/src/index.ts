export { AuthModule } from './lib/auth.module';
export { ApiKeyGuard } from './lib/api-key.guard';
export { MetricsTokenGuard } from './lib/metrics-token.guard';
export { Public, IS_PUBLIC_KEY } from './lib/public.decorator';
export { AUTH_OPTIONS } from './lib/auth.constants';
export type { AuthOptions } from './lib/auth-options.interface';
export { bearerToken } from './lib/bearer-token';
export { constantTimeEquals, matchesAnySecret } from './lib/constant-time-equals';
