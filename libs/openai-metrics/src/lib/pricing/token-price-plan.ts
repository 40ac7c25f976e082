import { calcPrice, type ModelPrice as GenaiPrice, type Provider, type Usage } from '@pydantic/genai-prices';
import type { TokenUsage } from '../usage/token-usage';

/**
 * A call's tokens as disjoint regions, each one kind of token: what `calcPrice` prices as a whole is
 * linear in these, with one coefficient vector per long-context tier.
 */
const REGION_USAGE_KEYS: readonly (readonly string[])[] = [
  ['input_tokens'],
  ['input_tokens', 'cache_read_tokens'],
  ['input_tokens', 'cache_write_tokens'],
  ['input_tokens', 'input_audio_tokens'],
  ['input_tokens', 'cache_read_tokens', 'input_audio_tokens', 'cache_audio_read_tokens'],
  ['output_tokens'],
  ['output_tokens', 'output_reasoning_tokens'],
  ['output_tokens', 'output_audio_tokens'],
];
const REGIONS = REGION_USAGE_KEYS.length;
const CONSTANT = REGIONS;

// Overlaps we never report are reported as 0, so the database never asks for them.
const ZERO_USAGE: Readonly<Record<string, number>> = Object.freeze({
  ...Object.fromEntries(REGION_USAGE_KEYS.flat().map((key) => [key, 0])),
  cache_audio_write_tokens: 0,
  output_audio_reasoning_tokens: 0,
});

const scratch = new Float64Array(REGIONS);

function positive(value: number): number {
  return value > 0 ? value : 0;
}

/**
 * Splits `usage` into the regions, clamping inconsistent counts so that every region is ≥ 0:
 * cached ⊆ input, cache writes ⊆ uncached input, cached audio ⊆ cached ∩ audio, reasoning and
 * output audio ⊆ output (and disjoint). Consistent usage is unchanged.
 */
function splitRegions(usage: TokenUsage, into: Float64Array): Float64Array {
  const input = positive(usage.input);
  const cached = Math.min(positive(usage.cachedInput), input);
  const cachedAudio = Math.min(positive(usage.cachedAudio), cached, positive(usage.inputAudio));
  const cacheWrite = Math.min(positive(usage.cacheWrite), input - cached);
  const audio = Math.min(positive(usage.inputAudio) - cachedAudio, input - cached - cacheWrite);
  into[0] = input - cached - cacheWrite - audio;
  into[1] = cached - cachedAudio;
  into[2] = cacheWrite;
  into[3] = audio;
  into[4] = cachedAudio;
  const output = positive(usage.output);
  const outputAudio = Math.min(positive(usage.outputAudio), output);
  const reasoning = Math.min(positive(usage.reasoning), output - outputAudio);
  into[5] = output - outputAudio - reasoning;
  into[6] = reasoning;
  into[7] = outputAudio;
  return into;
}

/** The same usage in `@pydantic/genai-prices`' terms, for `calcPrice` (what `tokenCost` equals). */
export function toGenaiUsage(usage: TokenUsage): Usage {
  const regions = splitRegions(usage, new Float64Array(REGIONS));
  const result: Record<string, number> = { ...ZERO_USAGE };
  REGION_USAGE_KEYS.forEach((keys, region) => {
    for (const key of keys) result[key] += regions[region];
  });
  return result;
}

interface Tiered {
  base: number;
  tiers: ReadonlyArray<{ start: number; price: number }>;
}

function isTiered(value: unknown): value is Tiered {
  return typeof value === 'object' && value !== null && Array.isArray((value as Tiered).tiers);
}

/** The tier `calcPrice` picks: the last whose start the call's input tokens exceed. */
function tierPrice(value: Tiered, inputTokens: number): number {
  let price = value.base;
  for (const tier of [...value.tiers].sort((a, b) => a.start - b.start)) if (inputTokens > tier.start) price = tier.price;
  return price;
}

const PLAN_MODEL = 'price-book-plan';

function totalPrice(price: GenaiPrice, usage: Usage): number {
  const provider: Provider = {
    id: PLAN_MODEL,
    name: PLAN_MODEL,
    api_pattern: '(?!)',
    models: [{ id: PLAN_MODEL, match: { equals: PLAN_MODEL }, prices: price }],
  };
  const result = calcPrice(usage, PLAN_MODEL, { provider });
  if (!result) throw new Error('genai-prices did not price a plan model');
  return result.total_price;
}

/**
 * One price (one period of one model) compiled once with `calcPrice` itself, so a call is priced
 * with a few multiplications and gives what `calcPrice` gives for the same usage.
 */
export class TokenPricePlan {
  private constructor(
    /** Ascending tier starts: interval i applies when exactly i starts are below the input tokens. */
    private readonly starts: readonly number[],
    /** Per interval: USD per token of each region, then the per-call constant (request fees). */
    private readonly coefficients: readonly Float64Array[],
  ) {}

  /** Throws when the database cannot price `price` (inconsistent data). */
  static compile(price: GenaiPrice): TokenPricePlan {
    const starts = [...new Set(Object.values(price).flatMap((value) => (isTiered(value) ? value.tiers.map((t) => t.start) : [])))].sort(
      (a, b) => a - b,
    );
    const coefficients = [0, ...starts.map((start) => start + 1)].map((inputTokens) => {
      const flat: GenaiPrice = {};
      for (const [key, value] of Object.entries(price)) flat[key] = isTiered(value) ? tierPrice(value, inputTokens) : value;
      const vector = new Float64Array(REGIONS + 1);
      vector[CONSTANT] = totalPrice(flat, ZERO_USAGE);
      REGION_USAGE_KEYS.forEach((keys, region) => {
        const usage: Record<string, number> = { ...ZERO_USAGE };
        for (const key of keys) usage[key] = 1;
        vector[region] = totalPrice(flat, usage) - vector[CONSTANT];
      });
      return vector;
    });
    return new TokenPricePlan(starts, coefficients);
  }

  cost(usage: TokenUsage): number {
    let interval = 0;
    while (interval < this.starts.length && usage.input > this.starts[interval]) interval++;
    const c = this.coefficients[interval];
    // Most calls carry no audio and no cache writes: regions 2, 3, 4 and 7 are then 0, and leaving
    // their (finite) terms out of the same left-to-right sum gives the same number, with less code
    // run on every call.
    if (usage.inputAudio === 0 && usage.outputAudio === 0 && usage.cachedAudio === 0 && usage.cacheWrite === 0) {
      const input = positive(usage.input);
      const cached = Math.min(positive(usage.cachedInput), input);
      const output = positive(usage.output);
      const reasoning = Math.min(positive(usage.reasoning), output);
      return c[CONSTANT] + c[0] * (input - cached) + c[1] * cached + c[5] * (output - reasoning) + c[6] * reasoning;
    }
    const regions = splitRegions(usage, scratch);
    let total = c[CONSTANT];
    for (let region = 0; region < REGIONS; region++) total += c[region] * regions[region];
    return total;
  }
}
