import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { MAX_CACHED_MODEL_NAMES, PriceBook } from './price-book';
import { GENAI_PRICES_DATA_DATE, GENAI_PRICES_VERSION } from './genai-prices-data';
import { toGenaiUsage } from './token-price-plan';
import { tokens } from './token-usage.fixture';

const PER_M = 1e-6;
const call = tokens({ input: 1000, cachedInput: 400, output: 500 });

describe('PriceBook with the bundled database (provider openai)', () => {
  const book = new PriceBook();

  it('prices uncached input, cached input and output once each', () => {
    expect(book.tokenCost('gpt-4o', call)).toBeCloseTo((600 * 2.5 + 400 * 1.25 + 500 * 10) * PER_M, 15);
    expect(book.tokenCost('gpt-4o-mini', call)).toBeCloseTo((600 * 0.15 + 400 * 0.075 + 500 * 0.6) * PER_M, 15);
  });

  it('prices a snapshot name as the database prices it', () => {
    expect(book.tokenCost('gpt-4o-2024-08-06', call)).toBeCloseTo(book.tokenCost('gpt-4o', call) as number, 15);
    // The database prices the May 2024 snapshot apart from gpt-4o.
    expect(book.tokenCost('gpt-4o-2024-05-13', tokens({ input: 1000, output: 500 }))).toBeCloseTo((1000 * 5 + 500 * 15) * PER_M, 15);
  });

  it('applies the long-context tier when the input exceeds its start', () => {
    const short = tokens({ input: 271_999, output: 1000 });
    const long = tokens({ input: 272_000, output: 1000 });
    expect(book.tokenCost('gpt-5.4', short)).toBeCloseTo(271_999 * 2.5 * PER_M + 1000 * 15 * PER_M, 12);
    expect(book.tokenCost('gpt-5.4', long)).toBeCloseTo(272_000 * 5 * PER_M + 1000 * 22.5 * PER_M, 12);
  });

  it('prices audio tokens at the audio price where the database has one', () => {
    const usage = tokens({ input: 53, inputAudio: 37, output: 123, outputAudio: 23 });
    expect(book.tokenCost('gpt-audio-mini', usage)).toBeCloseTo((16 * 0.6 + 37 * 10 + 100 * 2.4 + 23 * 20) * PER_M, 15);
    // gpt-4o-audio-preview has no audio price in the database: its audio tokens cost the text price.
    expect(book.tokenCost('gpt-4o-audio-preview', usage)).toBeCloseTo((53 * 2.5 + 123 * 10) * PER_M, 15);
  });

  it('prices cached audio tokens at the cached audio price', () => {
    const usage = tokens({ input: 1000, cachedInput: 300, inputAudio: 600, cachedAudio: 200, output: 100, outputAudio: 60 });
    const expected = (300 * 5 + 100 * 2.5 + 400 * 40 + 200 * 2.5 + 40 * 20 + 60 * 80) * PER_M;
    expect(book.tokenCost('gpt-4o-realtime-preview', usage)).toBeCloseTo(expected, 15);
  });

  it('counts reasoning tokens only as part of output', () => {
    const withReasoning = tokens({ input: 13, output: 500, reasoning: 400 });
    expect(book.tokenCost('o3-mini', withReasoning)).toBeCloseTo((13 * 1.1 + 500 * 4.4) * PER_M, 15);
    expect(book.tokenCost('o3-mini', withReasoning)).toBe(book.tokenCost('o3-mini', { ...withReasoning, reasoning: 0 }));
  });

  it('prices cache writes where the database has a cache-write price', () => {
    const usage = tokens({ input: 1220, cacheWrite: 1217, output: 100, reasoning: 100 });
    expect(book.tokenCost('gpt-5.6-sol', usage, undefined, new Date('2026-07-10T18:54:12Z'))).toBeCloseTo((3 * 5 + 1217 * 6.25 + 100 * 30) * PER_M, 15);
  });

  it('uses the price in force at the given time, now by default', () => {
    const usage = tokens({ input: 1000, output: 1000 });
    expect(book.tokenCost('o3', usage, undefined, new Date('2025-06-09T12:00:00Z'))).toBeCloseTo((10 + 40) * 1000 * PER_M, 15);
    expect(book.tokenCost('o3', usage, undefined, new Date('2025-06-10T00:00:00Z'))).toBeCloseTo((2 + 8) * 1000 * PER_M, 15);
    const before = new PriceBook({ now: () => new Date('2025-01-01T00:00:00Z') });
    expect(before.tokenCost('o3', usage)).toBeCloseTo((10 + 40) * 1000 * PER_M, 15);
  });

  it('equals calcPrice of the same usage', () => {
    for (const model of ['gpt-4o', 'gpt-5-mini-2025-08-07', 'gpt-5.4', 'gpt-audio-mini', 'o3', 'text-embedding-3-small']) {
      const usage = tokens({ input: 5000, cachedInput: 1024, output: 700, reasoning: 300 });
      const expected = calcPrice(toGenaiUsage(usage), model, { providerId: 'openai' })?.total_price;
      expect(book.tokenCost(model, usage)).toBeCloseTo(expected as number, 15);
    }
  });

  it('knows what it can price and answers undefined for the rest', () => {
    expect(book.knows('gpt-5')).toBe(true);
    expect(book.knows('omni-moderation-latest')).toBe(true);
    expect(book.knows('dall-e-3')).toBe(true);
    expect(book.knows('tts-1')).toBe(true);
    expect(book.knows('no-such-model')).toBe(false);
    expect(book.knows('constructor')).toBe(false);
    expect(book.knows('__proto__')).toBe(false);
    expect(book.tokenCost('no-such-model', call)).toBeUndefined();
    expect(book.unitCost('no-such-model', { images: 1 })).toBeUndefined();
  });

  it('prices davinci-002 from the list prices, which the database lacks', () => {
    expect(calcPrice(toGenaiUsage(call), 'davinci-002', { providerId: 'openai' })).toBeNull();
    expect(book.tokenCost('davinci-002', tokens({ input: 8, output: 16 }))).toBeCloseTo(24 * 2 * PER_M, 15);
  });

  it('reports the data it uses', () => {
    const installed = JSON.parse(readFileSync(join(dirname(require.resolve('@pydantic/genai-prices')), '..', 'package.json'), 'utf8'));
    expect(installed.version).toBe(GENAI_PRICES_VERSION);
    expect(book.source).toBe('genai-prices');
    expect(book.version).toBe(installed.version);
    expect(book.updatedAt.toISOString()).toBe(`${GENAI_PRICES_DATA_DATE}T00:00:00.000Z`);
  });
});

describe('PriceBook dates in model names', () => {
  const book = new PriceBook({ overrides: { 'my-model': { input: 1, output: 2 } } });

  it('strips a trailing date when neither the database nor an override has the name', () => {
    const mini = book.tokenCost('gpt-4o-mini', call);
    expect(book.knows('gpt-4o-mini-2031-02-03')).toBe(true);
    expect(book.tokenCost('gpt-4o-mini-2031-02-03', call)).toBe(mini);
    expect(book.tokenCost('gpt-4o-mini-20310203', call)).toBe(mini);
    expect(book.tokenCost('my-model-2031-02-03', call)).toBeCloseTo((1000 * 1 + 500 * 2) * PER_M, 15);
    expect(book.tokenCost('davinci-002-20310203', tokens({ input: 1 }))).toBeCloseTo(2 * PER_M, 15);
  });

  it('strips only a whole trailing date', () => {
    expect(book.knows('nothing-2024-08-06')).toBe(false);
    expect(book.knows('gpt-4o-mini-2031-02')).toBe(false);
    expect(book.knows('gpt-4o-mini-2031-02-03-extra')).toBe(false);
  });
});

describe('PriceBook overrides', () => {
  it('replaces the database prices an override names and keeps the others', () => {
    const book = new PriceBook({ overrides: { 'gpt-4o': { output: 20 } } });
    expect(book.tokenCost('gpt-4o', call)).toBeCloseTo((600 * 2.5 + 400 * 1.25 + 500 * 20) * PER_M, 15);
  });

  it('applies a full override, also to the snapshots of its name', () => {
    const book = new PriceBook({ overrides: { 'gpt-4o': { input: 1, cachedInput: 0.5, output: 2 } } });
    const expected = (600 * 1 + 400 * 0.5 + 500 * 2) * PER_M;
    expect(book.tokenCost('gpt-4o', call)).toBeCloseTo(expected, 15);
    expect(book.tokenCost('gpt-4o-2024-08-06', call)).toBeCloseTo(expected, 15);
  });

  it('prices cached input as input for a model with no cached price', () => {
    const book = new PriceBook({ overrides: { 'my-finetune': { input: 3, output: 6 } } });
    expect(book.knows('my-finetune')).toBe(true);
    expect(book.tokenCost('my-finetune', call)).toBeCloseTo((1000 * 3 + 500 * 6) * PER_M, 15);
  });

  it('flattens a long-context tier it overrides', () => {
    const book = new PriceBook({ overrides: { 'gpt-5.4': { input: 1 } } });
    expect(book.tokenCost('gpt-5.4', tokens({ input: 300_000, output: 1000 }))).toBeCloseTo(300_000 * PER_M + 1000 * 22.5 * PER_M, 12);
  });

  it('prices the cached audio of an audio model it adds a cached price to', () => {
    const book = new PriceBook({ overrides: { 'gpt-4o-transcribe': { cachedInput: 1 } } });
    const usage = tokens({ input: 100, cachedInput: 50, inputAudio: 80, cachedAudio: 40, output: 10 });
    expect(book.tokenCost('gpt-4o-transcribe', usage)).toBeCloseTo((10 * 2.5 + 10 * 1 + 40 * 6 + 40 * 1 + 10 * 10) * PER_M, 15);
  });
});

describe('PriceBook providers', () => {
  it('leaves a server the database does not know unpriced, except for overrides', () => {
    const book = new PriceBook({ baseURL: 'http://127.0.0.1:11434/v1', overrides: { llama3: { input: 0.1, output: 0.2 } } });
    expect(book.knows('gpt-4o')).toBe(false);
    expect(book.tokenCost('gpt-4o', call)).toBeUndefined();
    expect(book.knows('dall-e-3')).toBe(false);
    expect(book.tokenCost('llama3', call)).toBeCloseTo((1000 * 0.1 + 500 * 0.2) * PER_M, 15);
  });

  it('prices a provider it knows by its baseURL with that provider table', () => {
    const book = new PriceBook({ baseURL: 'https://api.groq.com/openai/v1' });
    expect(book.tokenCost('llama-3.3-70b-versatile', call)).toBeCloseTo((1000 * 0.59 + 500 * 0.79) * PER_M, 15);
    expect(book.knows('gpt-4o')).toBe(false);
    expect(book.knows('dall-e-2')).toBe(false);
    // Groq bills at least 10 seconds of audio.
    expect(book.unitCost('whisper-large-v3', { audioSeconds: 4 })).toBeCloseTo((10 * 0.111) / 3600, 15);
  });

  it('prices OpenAI models on Azure, which serves them', () => {
    const baseURL = 'https://example.openai.azure.com/openai';
    const book = new PriceBook({ baseURL });
    const expected = calcPrice(toGenaiUsage(call), 'gpt-4o', { providerApiUrl: baseURL });
    expect(expected?.provider.id).toBe('azure');
    expect(book.tokenCost('gpt-4o', call)).toBeCloseTo(expected?.total_price as number, 15);
    expect(book.unitCost('dall-e-3', { images: 1 })).toBeCloseTo(0.04, 15);
  });

  it('treats no baseURL and api.openai.com as OpenAI', () => {
    const expected = new PriceBook().tokenCost('gpt-4o', call);
    expect(new PriceBook({ baseURL: 'https://api.openai.com/v1' }).tokenCost('gpt-4o', call)).toBe(expected);
  });

  it('lets `provider` win over the baseURL', () => {
    const book = new PriceBook({ baseURL: 'http://127.0.0.1:4010/v1', provider: 'openai' });
    expect(book.tokenCost('gpt-4o', call)).toBeCloseTo((600 * 2.5 + 400 * 1.25 + 500 * 10) * PER_M, 15);
  });

  it('refuses a provider id the database does not have', () => {
    expect(() => new PriceBook({ provider: 'no-such-provider' })).toThrow(/"no-such-provider" is not a provider id/);
  });
});

describe('PriceBook service tiers', () => {
  const standard = (600 * 2.5 + 400 * 1.25 + 500 * 10) * PER_M;

  it('prices flex at half and priority at twice the standard price by default', () => {
    const book = new PriceBook();
    expect(book.tokenCost('gpt-4o', call, 'flex')).toBeCloseTo(standard / 2, 15);
    expect(book.tokenCost('gpt-4o', call, 'priority')).toBeCloseTo(standard * 2, 15);
    for (const tier of ['default', 'scale', 'auto', 'something-new', undefined]) {
      expect(book.tokenCost('gpt-4o', call, tier)).toBeCloseTo(standard, 15);
    }
  });

  it('takes factors from the option, per model first', () => {
    const book = new PriceBook({ serviceTierFactors: { priority: 1.7, byModel: { 'gpt-4o': { priority: 1.75 } } } });
    expect(book.tokenCost('gpt-4o-2024-08-06', call, 'priority')).toBeCloseTo(standard * 1.75, 15);
    expect(book.tokenCost('gpt-4o-mini', call, 'priority')).toBeCloseTo((book.tokenCost('gpt-4o-mini', call) as number) * 1.7, 15);
    expect(book.tokenCost('gpt-4o', call, 'flex')).toBeCloseTo(standard / 2, 15);
  });

  it('applies them to overrides too', () => {
    const book = new PriceBook({ overrides: { mine: { input: 1, output: 1 } } });
    expect(book.tokenCost('mine', call, 'flex')).toBeCloseTo(1500 * PER_M * 0.5, 15);
  });

  it('refuses a factor that is not a non-negative number', () => {
    expect(() => new PriceBook({ serviceTierFactors: { flex: -1 } })).toThrow('serviceTierFactors.flex must be a non-negative finite number');
    expect(() => new PriceBook({ serviceTierFactors: { byModel: { x: { priority: Number.NaN } } } })).toThrow('serviceTierFactors.byModel["x"].priority');
  });
});

describe('PriceBook units', () => {
  const book = new PriceBook({ overrides: { 'dall-e-3': { perImage: 0.08 }, 'whisper-1': { perAudioMinute: 0.01 } } });
  const defaults = new PriceBook();

  it('prices dall-e images from the list prices or an override', () => {
    expect(defaults.unitCost('dall-e-2', { images: 3 })).toBeCloseTo(0.06, 15);
    expect(defaults.unitCost('dall-e-3', { images: 2 })).toBeCloseTo(0.08, 15);
    expect(book.unitCost('dall-e-3', { images: 2 })).toBeCloseTo(0.16, 15);
  });

  it('prices whisper audio from the database, or an override', () => {
    expect(defaults.unitCost('whisper-1', { audioSeconds: 4 })).toBeCloseTo((4 * 0.006) / 60, 15);
    expect(book.unitCost('whisper-1', { audioSeconds: 90 })).toBeCloseTo(0.015, 15);
  });

  it('prices tts speech characters from the list prices', () => {
    expect(defaults.unitCost('tts-1', { speechCharacters: 1000 })).toBeCloseTo(0.015, 15);
    expect(defaults.unitCost('tts-1-hd', { speechCharacters: 1000 })).toBeCloseTo(0.03, 15);
  });

  it('answers undefined when a given unit has no price, 0 when none is given', () => {
    expect(defaults.unitCost('gpt-4o', { images: 1 })).toBeUndefined();
    expect(defaults.unitCost('dall-e-2', { images: 1, speechCharacters: 10 })).toBeUndefined();
    expect(defaults.unitCost('dall-e-2', {})).toBe(0);
    expect(defaults.unitCost('dall-e-2', { images: 0, audioSeconds: 0 })).toBe(0);
  });
});

describe('PriceBook model cache', () => {
  it('stays bounded under 10,000 distinct hostile names and still answers each correctly', () => {
    const book = new PriceBook();
    const nano = book.tokenCost('gpt-5-nano', call);
    for (let i = 0; i < 5_000; i++) {
      expect(book.tokenCost(`attacker-${i}-${'x'.repeat(i % 50)}`, call)).toBeUndefined();
      // The database matches any name starting with gpt-5-nano-.
      expect(book.tokenCost(`gpt-5-nano-${i}`, call)).toBe(nano);
    }
    expect(book.cachedModelNames).toBeLessThanOrEqual(2 * MAX_CACHED_MODEL_NAMES + 1);
    expect(book.knows('attacker-4999')).toBe(false);
    expect(book.tokenCost('gpt-4o', call)).toBeCloseTo((600 * 2.5 + 400 * 1.25 + 500 * 10) * PER_M, 15);
  });
});

describe('PriceBook without autoUpdate', () => {
  afterEach(() => jest.restoreAllMocks());

  it('never uses the network', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const book = new PriceBook({ baseURL: 'https://api.groq.com/openai/v1' });
    await book.start();
    book.tokenCost('llama-3.3-70b-versatile', call);
    book.unitCost('whisper-large-v3', { audioSeconds: 30 });
    book.stop();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
