import { calcPrice, findProvider, type MatchLogic } from '@pydantic/genai-prices';
import type { TokenUsage } from '../usage/token-usage';
import { PriceBook } from './price-book';
import { toGenaiUsage } from './token-price-plan';
import { tokens } from './token-usage.fixture';

/** A name the model's own match logic accepts. */
function nameFor(match: MatchLogic, id: string): string {
  if ('equals' in match) return match.equals;
  if ('starts_with' in match) return `${match.starts_with}x`;
  if ('or' in match) return nameFor(match.or[0], id);
  if ('and' in match) return nameFor(match.and[0], id);
  return id;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const next = random(42);
const int = (max: number) => Math.floor(next() * max);
const generated: TokenUsage[] = Array.from({ length: 40 }, () => {
  const input = int(400_000);
  const cachedInput = int(input);
  const inputAudio = int(input - cachedInput);
  const output = int(50_000);
  const outputAudio = int(output);
  return tokens({ input, cachedInput, inputAudio, output, outputAudio, reasoning: int(output - outputAudio) });
});

const USAGES: TokenUsage[] = [
  tokens({}),
  tokens({ input: 1 }),
  tokens({ input: 271_999, output: 10 }),
  tokens({ input: 272_000, cachedInput: 100_000, output: 10 }),
  tokens({ input: 272_001, output: 10 }),
  tokens({ input: 1000, cachedInput: 300, inputAudio: 600, cachedAudio: 200, output: 100, outputAudio: 60 }),
  tokens({ input: 5000, cacheWrite: 4000, cachedInput: 500, output: 300, reasoning: 200 }),
  ...generated,
];

const AT = ['2024-06-01T00:00:00Z', '2025-06-10T00:00:00Z', '2026-08-21T12:00:00Z', '2027-06-01T23:59:59Z'].map((at) => new Date(at));

function expectSameAsCalcPrice(providerId: string, at: readonly Date[]): number {
  const provider = findProvider({ providerId });
  if (!provider) throw new Error(`the price database has no provider ${providerId}`);
  const book = new PriceBook({ provider: providerId });
  let compared = 0;
  for (const model of provider.models) {
    const name = nameFor(model.match, model.id);
    for (const when of at) {
      const resolved = calcPrice({}, name, { providerId, timestamp: when });
      expect(resolved?.model.id).toBe(model.id);
      for (const usage of USAGES) {
        const expected = calcPrice(toGenaiUsage(usage), name, { providerId, timestamp: when })?.total_price as number;
        const actual = book.tokenCost(name, usage, undefined, when) as number;
        if (Math.abs(actual - expected) > 1e-12 * Math.max(1, expected)) {
          throw new Error(`${providerId}/${name} at ${when.toISOString()} for ${JSON.stringify(usage)}: ${actual} ≠ calcPrice ${expected}`);
        }
        compared++;
      }
    }
  }
  return compared;
}

describe('TokenPricePlan', () => {
  it('gives what calcPrice gives for every OpenAI model, tier and price period', () => {
    expect(expectSameAsCalcPrice('openai', AT)).toBeGreaterThan(90 * USAGES.length * AT.length);
  });

  it('does so for providers with time-of-day prices and cache-write prices', () => {
    const hours = [0, 0.75, 2, 5, 7, 12, 17, 23.9].map((hour) => new Date(Date.UTC(2026, 9, 1) + hour * 3_600_000));
    expect(expectSameAsCalcPrice('deepseek', hours)).toBeGreaterThan(0);
    expect(expectSameAsCalcPrice('anthropic', AT)).toBeGreaterThan(0);
  });

  it('prices deepseek off-peak hours (16:30 to 00:30 UTC) at half, as the database says', () => {
    const book = new PriceBook({ provider: 'deepseek' });
    const usage = tokens({ input: 1_000_000, output: 1_000_000 });
    expect(book.tokenCost('deepseek-chat', usage, undefined, new Date('2026-10-01T12:00:00Z'))).toBeCloseTo(0.27 + 1.1, 12);
    expect(book.tokenCost('deepseek-chat', usage, undefined, new Date('2026-10-01T20:00:00Z'))).toBeCloseTo(0.135 + 0.55, 12);
    expect(book.tokenCost('deepseek-chat', usage, undefined, new Date('2026-10-01T00:29:59Z'))).toBeCloseTo(0.135 + 0.55, 12);
  });

  it('clamps inconsistent counts the same way for calcPrice and for itself', () => {
    const book = new PriceBook();
    const inconsistent = tokens({ input: 100, cachedInput: 500, inputAudio: 90, cachedAudio: 400, cacheWrite: 50, output: 10, reasoning: 30, outputAudio: 5 });
    const genai = toGenaiUsage(inconsistent);
    expect(genai).toMatchObject({ input_tokens: 100, cache_read_tokens: 100, cache_audio_read_tokens: 90, input_audio_tokens: 90, cache_write_tokens: 0, output_reasoning_tokens: 5 });
    for (const model of ['gpt-realtime', 'gpt-5.6-sol', 'gpt-4o']) {
      const expected = calcPrice(genai, model, { providerId: 'openai' })?.total_price as number;
      expect(book.tokenCost(model, inconsistent)).toBeCloseTo(expected, 15);
    }
  });
});
