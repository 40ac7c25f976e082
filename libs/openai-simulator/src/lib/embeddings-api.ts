import { Body } from './api-request';
import { SeededRandom } from './seeded-random';
import { estimateTokens } from './token-estimate';

const DIMENSIONS_BY_MODEL: Record<string, number> = { 'text-embedding-3-large': 3072 };
const DEFAULT_DIMENSIONS = 1536;

/** The inputs of an embeddings request: a string, strings, a token array, or token arrays. */
function inputs(body: Body): unknown[] {
  const input = body['input'];
  if (Array.isArray(input) && input.length > 0 && typeof input[0] !== 'number') return input;
  return [input];
}

/** prompt tokens: estimateTokens of all input strings concatenated, plus the length of each token array. */
export function embeddingsInputTokens(body: Body): number {
  let text = '';
  let tokens = 0;
  for (const input of inputs(body)) {
    if (typeof input === 'string') text += input;
    else if (Array.isArray(input)) tokens += input.length;
  }
  return (text.length > 0 ? estimateTokens(text) : 0) + tokens;
}

function dimensions(body: Body, model: string): number {
  const asked = body['dimensions'];
  if (typeof asked === 'number' && Number.isInteger(asked) && asked > 0) return asked;
  return DIMENSIONS_BY_MODEL[model] ?? DEFAULT_DIMENSIONS;
}

/** A unit vector, as floats or as the base64 of little-endian float32s (what the SDK asks for by default). */
function embedding(size: number, random: SeededRandom, base64: boolean): number[] | string {
  const values = Array.from({ length: size }, () => random.next() * 2 - 1);
  const norm = Math.hypot(...values) || 1;
  const vector = new Float32Array(values.map((value) => value / norm));
  return base64 ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
}

/** The list POST /v1/embeddings returns: one vector per input, and usage without output tokens. */
export function embeddingsObject(body: Body, model: string, promptTokens: number, random: SeededRandom) {
  const size = dimensions(body, model);
  const base64 = body['encoding_format'] === 'base64';
  return {
    object: 'list',
    data: inputs(body).map((_, index) => ({ object: 'embedding', index, embedding: embedding(size, random, base64) })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
