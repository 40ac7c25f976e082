/** Token counts of one call, normalised across every OpenAI endpoint that reports tokens. */
export interface TokenUsage {
  input: number;
  output: number;
  /** Subset of `input`. */
  cachedInput: number;
  /** Subset of `output`. */
  reasoning: number;
  /** Subset of `input`. */
  inputAudio: number;
  /** Subset of `output`. */
  outputAudio: number;
  /** Subset of `cachedInput`. */
  cachedAudio: number;
  /** Input tokens written to a prompt cache (providers that bill cache writes). */
  cacheWrite: number;
}

/** What one call reports besides tokens, for endpoints billed per unit. */
export interface UnitUsage {
  images?: number;
  audioSeconds?: number;
  speechCharacters?: number;
}

type Details = Record<string, unknown> | null | undefined;

/** A usable token count: a safe, non-negative integer. Anything else (NaN, strings, 1e308, getters that throw) counts 0. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

export function readField(source: unknown, name: string): unknown {
  if (typeof source !== 'object' || source === null) return undefined;
  try {
    return (source as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

/**
 * Reads a `usage` object of any endpoint (Responses, Chat Completions, legacy completions,
 * embeddings, gpt-image, token-billed transcriptions); undefined when it carries no token counts.
 */
export function readTokenUsage(usage: unknown): TokenUsage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const inputRaw = readField(usage, 'input_tokens') ?? readField(usage, 'prompt_tokens');
  const outputRaw = readField(usage, 'output_tokens') ?? readField(usage, 'completion_tokens');
  if (typeof inputRaw !== 'number' && typeof outputRaw !== 'number') return undefined;
  const inputDetails = (readField(usage, 'input_tokens_details') ??
    readField(usage, 'prompt_tokens_details') ??
    readField(usage, 'input_token_details')) as Details;
  const outputDetails = (readField(usage, 'output_tokens_details') ?? readField(usage, 'completion_tokens_details')) as Details;
  const input = count(inputRaw);
  const output = count(outputRaw);
  const cachedInput = Math.min(count(readField(inputDetails, 'cached_tokens')), input);
  const cachedDetails = readField(inputDetails, 'cached_tokens_details') as Details;
  return {
    input,
    output,
    cachedInput,
    reasoning: Math.min(count(readField(outputDetails, 'reasoning_tokens')), output),
    inputAudio: Math.min(count(readField(inputDetails, 'audio_tokens')), input),
    outputAudio: Math.min(count(readField(outputDetails, 'audio_tokens')), output),
    cachedAudio: Math.min(count(readField(cachedDetails, 'audio_tokens')), cachedInput),
    cacheWrite: count(readField(inputDetails, 'cache_write_tokens') ?? readField(usage, 'cache_creation_input_tokens')),
  };
}

/** Whisper-style usage: `{ type: "duration", seconds }`. */
export function readAudioSeconds(usage: unknown): number | undefined {
  if (readField(usage, 'type') !== 'duration') return undefined;
  const seconds = readField(usage, 'seconds');
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 && seconds < 1e9 ? seconds : undefined;
}

/** A caller-supplied usage with the detail counts it left out set to 0, and every count made safe. */
export function normalizeTokenUsage(usage: Partial<TokenUsage>): TokenUsage {
  const input = count(usage.input);
  const output = count(usage.output);
  const cachedInput = Math.min(count(usage.cachedInput), input);
  return {
    input,
    output,
    cachedInput,
    reasoning: Math.min(count(usage.reasoning), output),
    inputAudio: Math.min(count(usage.inputAudio), input),
    outputAudio: Math.min(count(usage.outputAudio), output),
    cachedAudio: Math.min(count(usage.cachedAudio), cachedInput),
    cacheWrite: count(usage.cacheWrite),
  };
}

