import { readFileSync } from 'node:fs';
import type { ModelPrice, ModelPriceTable } from '@openai-monitoring/openai-metrics';
import { ConfigError } from './config.error';

const NAME = 'OPENAI_PRICING_FILE';

/** `{ "<model>": { "input": 0.15, "cachedInput": 0.075, "output": 0.6 } }`, USD per 1M tokens. */
export function readPricingFile(path: string): ModelPriceTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${NAME} (${path}) could not be read as JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${NAME} must hold an object keyed by model name`);
  }
  const table: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(parsed)) table[model] = modelPrice(model, price);
  return table;
}

function modelPrice(model: string, value: unknown): ModelPrice {
  const price = value as Partial<Record<keyof ModelPrice, unknown>>;
  const field = (key: keyof ModelPrice, optional: boolean): number | undefined => {
    const amount = price?.[key];
    if (amount === undefined && optional) return undefined;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      throw new ConfigError(`${NAME}: "${model}".${key} must be a non-negative number (USD per 1M tokens)`);
    }
    return amount;
  };
  const cachedInput = field('cachedInput', true);
  return { input: field('input', false) as number, output: field('output', false) as number, ...(cachedInput === undefined ? {} : { cachedInput }) };
}
