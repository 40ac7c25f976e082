import type { ModelPriceTable } from './model-price.interface';

/**
 * OpenAI's list prices for what the price database (`@pydantic/genai-prices`) does not price: images
 * of dall-e, speech of tts, and the davinci-002 / babbage-002 base models. whisper-1 is here too, for
 * providers whose database entry lacks it; where the database prices a model, the database wins.
 * Used only when the provider is OpenAI (or one that serves OpenAI's models, such as Azure).
 * Overrides (`forRoot({ pricing })`, `OPENAI_PRICING_FILE`) win over both.
 */
export const OPENAI_LIST_PRICES_SOURCE = 'https://platform.openai.com/docs/pricing';
export const OPENAI_LIST_PRICES_DATE = '2025-08-07';

export const OPENAI_LIST_PRICES: ModelPriceTable = {
  // Per image at standard quality, 1024×1024; larger sizes and HD cost more (set an override).
  'dall-e-2': { perImage: 0.02 },
  'dall-e-3': { perImage: 0.04 },
  'tts-1': { perMillionCharacters: 15 },
  'tts-1-hd': { perMillionCharacters: 30 },
  'whisper-1': { perAudioMinute: 0.006 },
  'davinci-002': { input: 2, output: 2 },
  'babbage-002': { input: 0.4, output: 0.4 },
};
