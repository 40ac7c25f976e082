import type { TokenUsage } from '../usage/token-usage';

/** A TokenUsage with every count not given at 0. */
export function tokens(counts: Partial<TokenUsage>): TokenUsage {
  return { input: 0, output: 0, cachedInput: 0, reasoning: 0, inputAudio: 0, outputAudio: 0, cachedAudio: 0, cacheWrite: 0, ...counts };
}
