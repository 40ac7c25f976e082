/** Token counts of one call, normalised across the Responses and Chat Completions APIs. */
export interface TokenUsage {
  input: number;
  output: number;
  /** Subset of `input`. */
  cachedInput: number;
  /** Subset of `output`. */
  reasoning: number;
}

interface UsageLike {
  input_tokens?: number;
  output_tokens?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
  input_tokens_details?: { cached_tokens?: number } | null;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  output_tokens_details?: { reasoning_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Reads a `usage` object of either API; undefined when it carries no token counts. */
export function readTokenUsage(usage: unknown): TokenUsage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as UsageLike;
  const input = u.input_tokens ?? u.prompt_tokens;
  const output = u.output_tokens ?? u.completion_tokens;
  if (typeof input !== 'number' && typeof output !== 'number') return undefined;
  return {
    input: count(input),
    output: count(output),
    cachedInput: count((u.input_tokens_details ?? u.prompt_tokens_details)?.cached_tokens),
    reasoning: count((u.output_tokens_details ?? u.completion_tokens_details)?.reasoning_tokens),
  };
}
