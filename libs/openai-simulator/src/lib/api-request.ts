export type Body = Record<string, unknown>;

export type Endpoint = 'responses' | 'chat' | 'embeddings';

/** What the simulator reads from a /v1 request before deciding on faults. */
export interface ApiRequestInfo {
  body: Body | undefined;
  malformed: boolean;
  model: string | undefined;
  stream: boolean;
}

export interface ValidApiRequest {
  endpoint: Endpoint;
  body: Body;
  model: string;
}

export interface ApiRequestProblem {
  status: number;
  message: string;
  param?: string;
  code?: string;
}

export function readApiRequest(raw: string): ApiRequestInfo {
  let parsed: unknown;
  try {
    parsed = raw.length === 0 ? undefined : JSON.parse(raw);
  } catch {
    return { body: undefined, malformed: true, model: undefined, stream: false };
  }
  const body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Body) : undefined;
  return {
    body,
    malformed: false,
    model: typeof body?.['model'] === 'string' ? body['model'] : undefined,
    stream: body?.['stream'] === true,
  };
}

const ENDPOINTS: Record<string, Endpoint> = {
  '/v1/responses': 'responses',
  '/v1/chat/completions': 'chat',
  '/v1/embeddings': 'embeddings',
};

/** The checks the real API makes first: JSON body, known route, required parameters. */
export function validateApiRequest(
  method: string | undefined,
  path: string,
  info: ApiRequestInfo,
): ValidApiRequest | ApiRequestProblem {
  if (info.malformed) {
    return {
      status: 400,
      message: 'We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.',
    };
  }
  const endpoint = ENDPOINTS[path];
  if (method !== 'POST' || !endpoint) return { status: 404, message: `Invalid URL (${method} ${path})` };
  if (!info.body) return { status: 400, message: 'The request body must be a JSON object.' };
  if (!info.model) return missing('model');
  if (endpoint === 'chat' && !Array.isArray(info.body['messages'])) return missing('messages');
  if (endpoint === 'embeddings' && info.body['input'] === undefined) return missing('input');
  return { endpoint, body: info.body, model: info.model };
}

function missing(param: string): ApiRequestProblem {
  return {
    status: 400,
    message: `Missing required parameter: '${param}'.`,
    param,
    code: 'missing_required_parameter',
  };
}
