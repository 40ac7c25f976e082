import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { AUTH_OPTIONS } from './auth.constants';
import type { AuthOptions } from './auth-options.interface';
import { bearerToken } from './bearer-token';
import { constantTimeEquals } from './constant-time-equals';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** Protects the scrape endpoint with its own token when one is configured; open otherwise. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.options.metricsToken;
    if (!expected) return true;
    const token = bearerToken(context.switchToHttp().getRequest<HttpRequest>().headers.authorization);
    if (token !== undefined && constantTimeEquals(token, expected)) return true;
    throw new UnauthorizedException('A valid metrics token is required: Authorization: Bearer <token>');
  }
}
