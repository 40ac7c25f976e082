import { readFileSync } from 'node:fs';
import { type ModelPriceTable, validatePriceTable } from '@openai-monitoring/openai-metrics';
import { envField } from '@openai-monitoring/env-config';

/**
 * `OPENAI_PRICING_FILE`: the path of `{ "<model>": { "input": 0.15, "cachedInput": 0.075, "output": 0.6 } }`,
 * USD per 1M tokens (and the library's per-unit fields). Read here; validated by the library, once.
 */
export const pricingFileEnv = envField<ModelPriceTable | undefined>(
  (path, fail) => {
    let table: unknown;
    try {
      table = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      return fail(`(${path}) could not be read as JSON: ${(error as Error).message}`);
    }
    try {
      return validatePriceTable(table, `(${path})`);
    } catch (error) {
      // The library's message names the model and the field, after the origin given here.
      return fail((error as Error).message);
    }
  },
  () => undefined,
);
