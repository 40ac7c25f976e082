/**
 * The simulator's tokenizer: one token per started group of 4 characters (UTF-16 code units),
 * never less than 1. `estimateTokens('abcde') === 2`.
 *
 * Reported usage:
 * - input tokens  = estimateTokens(all input text concatenated without separators)
 *   (Responses: `instructions` then every string `input` / content `text` / `output`;
 *    Chat Completions: every message's string `content` or content part `text`, in order)
 * - output tokens = estimateTokens(output text)
 * - cached tokens = floor(input tokens * cachedInputRatio)
 * - reasoning tokens = floor(output tokens * reasoningRatio) for reasoning models, else 0
 *   (part of the output tokens, not added on top)
 * - total = input + output
 */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
