import { APIError } from 'openai/core/error';

/** A real SDK error for an HTTP status, as the SDK builds it from a response. */
export function apiError(status: number, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, { error: { message: `status ${status}` } }, undefined, new Headers(headers));
}
