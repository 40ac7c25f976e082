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

/** The fields of a `usage` object that any endpoint reports tokens in. */
interface UsageFields {
  input_tokens?: unknown;
  prompt_tokens?: unknown;
  output_tokens?: unknown;
  completion_tokens?: unknown;
  input_tokens_details?: unknown;
  prompt_tokens_details?: unknown;
  input_token_details?: unknown;
  output_tokens_details?: unknown;
  completion_tokens_details?: unknown;
  cache_creation_input_tokens?: unknown;
}

interface DetailFields {
  cached_tokens?: unknown;
  reasoning_tokens?: unknown;
  audio_tokens?: unknown;
  cache_write_tokens?: unknown;
  cached_tokens_details?: unknown;
}

const USAGE_FIELDS: readonly (keyof UsageFields)[] = [
  'input_tokens',
  'prompt_tokens',
  'output_tokens',
  'completion_tokens',
  'input_tokens_details',
  'prompt_tokens_details',
  'input_token_details',
  'output_tokens_details',
  'completion_tokens_details',
  'cache_creation_input_tokens',
];
const DETAIL_OBJECTS: readonly (keyof UsageFields)[] = USAGE_FIELDS.filter((name) => name.endsWith('_details'));
const DETAIL_FIELDS: readonly (keyof DetailFields)[] = ['cached_tokens', 'reasoning_tokens', 'audio_tokens', 'cache_write_tokens', 'cached_tokens_details'];

function asObject<T>(value: unknown): T | undefined {
  return typeof value === 'object' && value !== null ? (value as T) : undefined;
}

/**
 * Reads a `usage` object of any endpoint (Responses, Chat Completions, legacy completions,
 * embeddings, gpt-image, token-billed transcriptions); undefined when it carries no token counts.
 * Fields are read directly (a shared reader would make every read a megamorphic lookup on the
 * hot path); a usage object whose getters throw is read again from a copy made field by field.
 */
export function readTokenUsage(usage: unknown): TokenUsage | undefined {
  const fields = asObject<UsageFields>(usage);
  if (fields === undefined) return undefined;
  try {
    return tokenUsageOf(fields);
  } catch {
    return tokenUsageOf(settledCopy(fields));
  }
}

function tokenUsageOf(usage: UsageFields): TokenUsage | undefined {
  const inputRaw = usage.input_tokens ?? usage.prompt_tokens;
  const outputRaw = usage.output_tokens ?? usage.completion_tokens;
  if (typeof inputRaw !== 'number' && typeof outputRaw !== 'number') return undefined;
  const inputDetails = asObject<DetailFields>(usage.input_tokens_details ?? usage.prompt_tokens_details ?? usage.input_token_details);
  const outputDetails = asObject<DetailFields>(usage.output_tokens_details ?? usage.completion_tokens_details);
  const cachedDetails = asObject<DetailFields>(inputDetails?.cached_tokens_details);
  const input = count(inputRaw);
  const output = count(outputRaw);
  const cachedInput = Math.min(count(inputDetails?.cached_tokens), input);
  return {
    input,
    output,
    cachedInput,
    reasoning: Math.min(count(outputDetails?.reasoning_tokens), output),
    inputAudio: Math.min(count(inputDetails?.audio_tokens), input),
    outputAudio: Math.min(count(outputDetails?.audio_tokens), output),
    cachedAudio: Math.min(count(cachedDetails?.audio_tokens), cachedInput),
    cacheWrite: count(inputDetails?.cache_write_tokens ?? usage.cache_creation_input_tokens),
  };
}

/** The fields `tokenUsageOf` reads, each read once; a getter that throws leaves its field undefined. */
function settledCopy(usage: UsageFields): UsageFields {
  const copy = copyFields<UsageFields>(usage, USAGE_FIELDS);
  for (const name of DETAIL_OBJECTS) {
    const details = asObject<DetailFields>(copy[name]);
    if (details === undefined) continue;
    const detailsCopy = copyFields<DetailFields>(details, DETAIL_FIELDS);
    const cached = asObject<DetailFields>(detailsCopy.cached_tokens_details);
    if (cached !== undefined) detailsCopy.cached_tokens_details = copyFields<DetailFields>(cached, DETAIL_FIELDS);
    copy[name] = detailsCopy;
  }
  return copy;
}

function copyFields<T extends object>(source: T, names: readonly (keyof T)[]): T {
  const copy = {} as T;
  for (const name of names) copy[name] = readField(source, name as string) as T[keyof T];
  return copy;
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

