/**
 * A price override or default, all fields optional: `input`, `cachedInput`, `output` in USD per 1M
 * tokens (cached tokens are a subset of input; without a `cachedInput` price they cost `input`),
 * and per-unit prices for what is billed by the unit.
 */
export interface ModelPrice {
  input?: number;
  cachedInput?: number;
  output?: number;
  /** USD per image returned (dall-e). */
  perImage?: number;
  /** USD per minute of transcribed or translated audio (whisper). */
  perAudioMinute?: number;
  /** USD per 1M characters of speech input (tts). */
  perMillionCharacters?: number;
}

export type ModelPriceTable = Readonly<Record<string, Readonly<ModelPrice>>>;

export const PRICE_FIELDS = ['input', 'cachedInput', 'output', 'perImage', 'perAudioMinute', 'perMillionCharacters'] as const;

export type PriceField = (typeof PRICE_FIELDS)[number];
