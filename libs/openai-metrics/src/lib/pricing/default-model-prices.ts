import type { ModelPriceTable } from './model-price.interface';

/**
 * Standard-tier list prices, USD per 1M tokens.
 * Source: https://platform.openai.com/docs/pricing, as published on 2025-08-07.
 * Prices change: override or extend with `forRoot({ pricing })` (the ai app: OPENAI_PRICING_FILE).
 */
export const DEFAULT_MODEL_PRICES_DATE = '2025-08-07';

export const DEFAULT_MODEL_PRICES: ModelPriceTable = {
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  o1: { input: 15, cachedInput: 7.5, output: 60 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
};
