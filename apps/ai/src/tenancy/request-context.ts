import { AsyncLocalStorage } from 'node:async_hooks';
import { authenticatedKeyName } from '@openai-monitoring/auth';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  request: Request;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs the rest of the request (guards, handler, streamed answer) inside a store holding the request,
 * so code called without it, like the metrics library's tenant resolver, can reach what the guards
 * attached. Registered after the body parser: its stream callbacks would run outside the store.
 */
export function requestContextMiddleware(request: Request, _response: Response, next: NextFunction): void {
  storage.run({ request }, next);
}

/** The tenant of the current request: the name of its API key (`default` for bare keys); undefined outside one. */
export function currentTenant(): string | undefined {
  return authenticatedKeyName(storage.getStore()?.request);
}
