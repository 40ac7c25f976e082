import type { TokenUsage } from '../usage/token-usage';
import type { ModelPrice } from './model-price.interface';

const PER_TOKEN = 1 / 1_000_000;

/**
 * Cached input tokens are a subset of input tokens and reasoning tokens a subset of output
 * tokens, so each token is priced exactly once.
 */
export function costUsd(usage: TokenUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedInput, usage.input);
  const cachedPrice = price.cachedInput ?? price.input;
  return ((usage.input - cached) * price.input + cached * cachedPrice + usage.output * price.output) * PER_TOKEN;
}
