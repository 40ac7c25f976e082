import { calcPrice, type Usage } from '@pydantic/genai-prices';
import { library } from './built-library';

type Json = Record<string, unknown>;

const PROVIDER = { providerId: 'openai' } as const;

/** OpenAI's Flex tier costs half of Standard, Priority twice; the price database has no tier prices. */
const TIER_FACTORS: Readonly<Record<string, number>> = { flex: 0.5, priority: 2 };

function count(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function details(usage: Json, ...names: string[]): Json {
  return Object.assign({}, ...names.map((name) => usage[name]).filter((value) => typeof value === 'object' && value !== null));
}

/** OpenAI's usage object in the price database's terms: totals, and the parts priced apart. */
export function databaseUsage(usage: Json): Usage {
  const chatShape = typeof usage['prompt_tokens'] === 'number';
  const input = details(usage, 'prompt_tokens_details', 'input_tokens_details', 'input_token_details');
  const output = details(usage, 'completion_tokens_details', 'output_tokens_details');
  const mapped: Usage = {
    input_tokens: count(chatShape ? usage['prompt_tokens'] : usage['input_tokens']),
    output_tokens: count(chatShape ? usage['completion_tokens'] : usage['output_tokens']) ?? 0,
    cache_read_tokens: count(input['cached_tokens']),
    cache_write_tokens: count(input['cache_write_tokens']),
    input_audio_tokens: count(input['audio_tokens']),
    input_text_tokens: count(input['text_tokens']),
    input_image_tokens: count(input['image_tokens']),
    output_audio_tokens: count(output['audio_tokens']),
    output_text_tokens: count(output['text_tokens']),
    output_image_tokens: count(output['image_tokens']),
  };
  return Object.fromEntries(Object.entries(mapped).filter(([, value]) => value !== undefined));
}

/** Whether the price database, or the library's defaults file for what it lacks, prices `model`. */
export function isPriced(model: string): boolean {
  return calcPrice({}, model, PROVIDER) !== null || model in library.OPENAI_LIST_PRICES;
}

function listPrice(model: string) {
  return library.OPENAI_LIST_PRICES[model];
}

function tokenCost(model: string, usage: Json): number | undefined {
  const mapped = databaseUsage(usage);
  const priced = calcPrice(mapped, model, PROVIDER);
  if (priced) return priced.total_price;
  const list = listPrice(model);
  if (list?.input === undefined || list.output === undefined) return undefined;
  const input = mapped.input_tokens ?? 0;
  const cached = Math.min(mapped.cache_read_tokens ?? 0, input);
  const output = mapped.output_tokens ?? 0;
  return ((input - cached) * list.input + cached * (list.cachedInput ?? list.input) + output * list.output) / 1e6;
}

function durationCost(model: string, seconds: number): number | undefined {
  const priced = calcPrice({ audio_seconds: seconds, input_audio_seconds: seconds }, model, PROVIDER);
  if (priced) return priced.total_price;
  const perMinute = listPrice(model)?.perAudioMinute;
  return perMinute === undefined ? undefined : (perMinute * seconds) / 60;
}

export type Billing = { usage: Json } | { images: number };

/** USD for one answer, or undefined when nothing prices it (a recording the suite cannot judge). */
export function expectedCost(model: string, billing: Billing, serviceTier: string | undefined): number | undefined {
  let cost: number | undefined;
  if ('images' in billing) {
    const perImage = listPrice(model)?.perImage;
    cost = perImage === undefined ? undefined : perImage * billing.images;
  } else if (billing.usage['type'] === 'duration') {
    cost = durationCost(model, Number(billing.usage['seconds']));
  } else {
    cost = tokenCost(model, billing.usage);
  }
  return cost === undefined ? undefined : cost * (TIER_FACTORS[serviceTier ?? ''] ?? 1);
}
