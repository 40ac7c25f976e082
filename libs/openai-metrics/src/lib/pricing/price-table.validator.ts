import { PRICE_FIELDS, type ModelPrice, type ModelPriceTable, type PriceField } from './model-price.interface';

const UNITS: Readonly<Record<PriceField, string>> = {
  input: 'USD per 1M tokens',
  cachedInput: 'USD per 1M tokens',
  output: 'USD per 1M tokens',
  perImage: 'USD per image',
  perAudioMinute: 'USD per minute of audio',
  perMillionCharacters: 'USD per 1M characters',
};

const KNOWN = new Set<string>(PRICE_FIELDS);

/**
 * Checks a price table (`forRoot({ pricing })`, `OPENAI_PRICING_FILE`) once and returns a frozen copy.
 * Every field is optional but an entry needs at least one; each is a non-negative finite number.
 * Throws an Error naming the model and the field; `origin` (e.g. the file) prefixes the message.
 */
export function validatePriceTable(table: unknown, origin?: string): ModelPriceTable {
  const prefix = origin ? `${origin}: ` : '';
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new Error(`${prefix}pricing must be an object keyed by model name, e.g. { "gpt-4o": { "input": 2.5, "output": 10 } }`);
  }
  const result: Record<string, Readonly<ModelPrice>> = {};
  for (const [model, entry] of Object.entries(table)) {
    const at = `${prefix}pricing[${JSON.stringify(model)}]`;
    if (model.trim() === '') throw new Error(`${at}: the model name is empty`);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new Error(`${at} must be an object with any of ${PRICE_FIELDS.join(', ')}`);
    }
    const fields = Object.entries(entry as Record<string, unknown>);
    if (fields.length === 0) throw new Error(`${at} is empty: give at least one of ${PRICE_FIELDS.join(', ')}`);
    const price: ModelPrice = {};
    for (const [field, value] of fields) {
      if (!KNOWN.has(field)) {
        throw new Error(`${at}.${field} is not a price field; the fields are ${PRICE_FIELDS.join(', ')}`);
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new Error(`${at}.${field} must be a non-negative finite number of ${UNITS[field as PriceField]}, got ${describe(value)}`);
      }
      price[field as PriceField] = value;
    }
    result[model] = Object.freeze(price);
  }
  return Object.freeze(result);
}

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value;
}
