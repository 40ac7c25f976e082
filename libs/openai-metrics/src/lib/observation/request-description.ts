import { readField } from '../usage/token-usage';
import { type Endpoint, endpointOf } from './endpoint';

/** What the observer needs to know about one SDK request, taken from its options before it is sent. */
export interface RequestDescription {
  endpoint: Endpoint;
  /** The requested model (an Azure deployment mapped to its model); undefined when the request names none. */
  model: string | undefined;
  /** `audio.speech.create`: the length of the text to speak. */
  speechCharacters: number | undefined;
  /** The SDK reads the answer as SSE exactly when its request options say `stream: true`. */
  stream: boolean;
}

/** The SDK's request options (`FinalRequestOptions`), as far as they are read here. */
export interface RequestOptions {
  path?: unknown;
  body?: unknown;
  stream?: unknown;
  __metadata?: unknown;
}

interface FormLike {
  get(name: string): unknown;
}

function requestedModel(options: RequestOptions, body: unknown): unknown {
  if (typeof body === 'object' && body !== null) {
    let model: unknown;
    try {
      model = (body as { model?: unknown }).model;
    } catch {
      model = undefined;
    }
    if (model !== undefined) return model;
    // Multipart uploads (audio, image edits) arrive as FormData.
    if (typeof (body as FormLike).get === 'function') return (body as FormLike).get('model');
  }
  return readField(options.__metadata, 'model');
}

/** `options` is the object the SDK made for the request; its body is the caller's, read guarded. */
export function describeRequest(
  options: RequestOptions,
  deployments: Readonly<Record<string, string>> | undefined,
): RequestDescription {
  const endpoint = endpointOf(options.path);
  const body = options.body;
  const raw = requestedModel(options, body);
  let model = typeof raw === 'string' && raw.length > 0 ? raw : undefined;
  if (model !== undefined && deployments !== undefined && Object.hasOwn(deployments, model)) model = deployments[model];
  const input = endpoint === 'speech' ? readField(body, 'input') : undefined;
  return { endpoint, model, speechCharacters: typeof input === 'string' ? input.length : undefined, stream: options.stream === true };
}
