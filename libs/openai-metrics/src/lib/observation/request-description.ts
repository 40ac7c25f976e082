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

interface FormLike {
  get(name: string): unknown;
}

function requestedModel(options: unknown, body: unknown): unknown {
  const model = readField(body, 'model');
  if (model !== undefined) return model;
  // Multipart uploads (audio, image edits) arrive as FormData.
  if (body !== null && typeof body === 'object' && typeof (body as FormLike).get === 'function') return (body as FormLike).get('model');
  return readField(readField(options, '__metadata'), 'model');
}

export function describeRequest(
  options: unknown,
  deployments: Readonly<Record<string, string>> | undefined,
): RequestDescription {
  const endpoint = endpointOf(readField(options, 'path'));
  const body = readField(options, 'body');
  const raw = requestedModel(options, body);
  let model = typeof raw === 'string' && raw.length > 0 ? raw : undefined;
  if (model !== undefined && deployments !== undefined && Object.hasOwn(deployments, model)) model = deployments[model];
  const input = endpoint === 'speech' ? readField(body, 'input') : undefined;
  return { endpoint, model, speechCharacters: typeof input === 'string' ? input.length : undefined, stream: readField(options, 'stream') === true };
}
