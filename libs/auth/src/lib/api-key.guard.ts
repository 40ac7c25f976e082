import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_OPTIONS } from './auth.constants';
import type { AuthOptions } from './auth-options.interface';
import { bearerToken } from './bearer-token';
import { matchesAnySecret } from './constant-time-equals';
import { IS_PUBLIC_KEY } from './public.decorator';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** Refuses every route without a valid `Authorization: Bearer <key>`, except those marked `@Public()`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const token = bearerToken(context.switchToHttp().getRequest<HttpRequest>().headers.authorization);
    if (token !== undefined && matchesAnySecret(token, this.options.apiKeys)) return true;
    throw new UnauthorizedException('A valid API key is required: Authorization: Bearer <key>');
  }
}
