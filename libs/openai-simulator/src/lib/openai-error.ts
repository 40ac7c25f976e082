interface ErrorShape {
  type: string;
  code: string | null;
  message: string;
}

const BY_STATUS: Record<number, ErrorShape> = {
  400: { type: 'invalid_request_error', code: null, message: 'Simulated invalid request.' },
  401: { type: 'authentication_error', code: 'invalid_api_key', message: 'Incorrect API key provided (simulated).' },
  403: { type: 'permission_error', code: 'permission_denied', message: 'You are not allowed to do this (simulated).' },
  404: { type: 'not_found_error', code: 'not_found', message: 'The requested resource does not exist (simulated).' },
  408: { type: 'timeout_error', code: 'request_timeout', message: 'Request timed out (simulated).' },
  409: { type: 'conflict_error', code: 'conflict', message: 'Conflict (simulated).' },
  422: { type: 'unprocessable_entity_error', code: 'unprocessable_entity', message: 'Unprocessable (simulated).' },
  // The real API names the exhausted limit ('requests' or 'tokens') in `type`.
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests (simulated).' },
  500: { type: 'server_error', code: null, message: 'The server had an error processing your request (simulated).' },
  502: { type: 'server_error', code: null, message: 'Bad gateway (simulated).' },
  503: { type: 'server_error', code: null, message: 'The server is overloaded or not ready yet (simulated).' },
};

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** The `{ error: { message, type, param, code } }` body the API answers with, typed by status. */
export function openAiErrorBody(
  status: number,
  overrides: { message?: string; param?: string | null; code?: string | null } = {},
): OpenAiErrorBody {
  const shape =
    BY_STATUS[status] ??
    (status >= 500
      ? { type: 'server_error', code: null, message: `Simulated server error ${status}.` }
      : { type: 'invalid_request_error', code: null, message: `Simulated error ${status}.` });
  return {
    error: {
      message: overrides.message ?? shape.message,
      type: shape.type,
      param: overrides.param ?? null,
      code: overrides.code === undefined ? shape.code : overrides.code,
    },
  };
}
