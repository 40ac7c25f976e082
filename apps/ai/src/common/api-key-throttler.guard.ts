import { createHash } from 'node:crypto';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { IS_PUBLIC_KEY, bearerToken } from '@openai-monitoring/auth';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Rate limits each API key (by a hash, never the key itself); public routes are not limited. */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const headers = request['headers'] as Record<string, string | undefined>;
    const token = bearerToken(headers?.authorization) ?? '';
    return createHash('sha256').update(token).digest('base64url');
  }

  /** One budget per key across all routes; the default key also names the controller and handler. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
