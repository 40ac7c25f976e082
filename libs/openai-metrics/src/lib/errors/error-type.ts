import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
} from 'openai/core/error';
import { OpenAiResponseError } from './openai-response.error';

export const ERROR_TYPES = [
  'rate_limit',
  'timeout',
  'connection',
  'server_error',
  'bad_request',
  'authentication',
  'permission',
  'not_found',
  'unprocessable',
  'invalid_response',
  'aborted',
  'other',
] as const;

export type OpenAiErrorType = (typeof ERROR_TYPES)[number];

const BY_STATUS: Readonly<Record<number, OpenAiErrorType>> = {
  400: 'bad_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  408: 'timeout',
  422: 'unprocessable',
  429: 'rate_limit',
};

/** Maps any error thrown by an OpenAI call to one of a fixed set of label values. */
export function classifyOpenAiError(error: unknown): OpenAiErrorType {
  if (error instanceof APIUserAbortError) return 'aborted';
  if (error instanceof APIConnectionTimeoutError) return 'timeout';
  if (error instanceof APIConnectionError) return 'connection';
  if (error instanceof APIError) {
    const status = error.status;
    if (typeof status !== 'number') return 'other';
    return BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'other');
  }
  if (
    error instanceof OpenAiResponseError ||
    error instanceof LengthFinishReasonError ||
    error instanceof ContentFilterFinishReasonError ||
    error instanceof SyntaxError ||
    isZodError(error)
  ) {
    return 'invalid_response';
  }
  if (isAbortError(error)) return 'aborted';
  if (isTransportFailure(error)) return 'connection';
  return 'other';
}

const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** What undici throws while a body is read when the connection breaks (`TypeError: terminated`). */
function isTransportFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof TypeError && (error.message === 'terminated' || error.message === 'fetch failed')) return true;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && SOCKET_CODES.has(code);
}

function isZodError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ZodError';
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
