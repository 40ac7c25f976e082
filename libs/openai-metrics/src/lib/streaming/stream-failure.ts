import { APIConnectionError, OpenAIError } from 'openai/core/error';
import { OpenAiResponseError } from '../errors/openai-response.error';

/**
 * A stream that fails mid-read throws whatever the transport throws (undici: `TypeError:
 * terminated`). Normalised here so retries and error types treat it as the connection failure it is.
 */
export function streamFailure(error: unknown): unknown {
  if (error instanceof OpenAIError || error instanceof OpenAiResponseError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (error instanceof SyntaxError) return new OpenAiResponseError('OpenAI streamed a chunk that is not JSON', { cause: error });
  return new APIConnectionError({ message: 'The stream from OpenAI broke before it ended', cause: error as Error });
}
