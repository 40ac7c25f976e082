import { estimateTokens } from './token-estimate';
import { isReasoningModel } from './model-names';

export interface TokenUsage {
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  totalTokens: number;
}

export function computeUsage(
  inputText: string,
  outputText: string,
  model: string,
  ratios: { cachedInputRatio: number; reasoningRatio: number },
): TokenUsage {
  const inputTokens = estimateTokens(inputText);
  const outputTokens = estimateTokens(outputText);
  return {
    inputTokens,
    cachedTokens: Math.floor(inputTokens * ratios.cachedInputRatio),
    outputTokens,
    reasoningTokens: isReasoningModel(model) ? Math.floor(outputTokens * ratios.reasoningRatio) : 0,
    totalTokens: inputTokens + outputTokens,
  };
}
