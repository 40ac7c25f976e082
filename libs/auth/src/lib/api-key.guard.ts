import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_OPTIONS } from './auth.constants';
import type { AuthOptions, NamedApiKey } from './auth-options.interface';
import { setAuthenticatedKeyName } from './authenticated-key';
import { bearerToken } from './bearer-token';
import { indexOfSecret } from './constant-time-equals';
import { namedApiKeys } from './named-api-keys';
import { IS_PUBLIC_KEY } from './public.decorator';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Refuses every route without a valid `Authorization: Bearer <key>`, except those marked `@Public()`.
 * On success the key's name is attached to the request (`authenticatedKeyName`).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: readonly NamedApiKey[];
  private readonly secrets: readonly string[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.keys = namedApiKeys(options.apiKeys);
    this.secrets = this.keys.map(({ key }) => key);
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const token = bearerToken(request.headers.authorization);
    const index = token === undefined ? -1 : indexOfSecret(token, this.secrets);
    if (index === -1) throw new UnauthorizedException('A valid API key is required: Authorization: Bearer <key>');
    setAuthenticatedKeyName(request, this.keys[index].name);
    return true;
  }
}
