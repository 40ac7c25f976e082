import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { WORKSPACE_ROOT } from '@openai-monitoring/ai-app-testing';
import { readAudioSeconds, readTokenUsage } from '../usage/token-usage';
import { PriceBook } from './price-book';
import { toGenaiUsage } from './token-price-plan';

const CORPUS = resolve(WORKSPACE_ROOT, '..', 'shared', 'real-openai');

interface IndexEntry {
  file: string;
  path: string;
  status: number;
  request_model?: string | null;
  response_model?: string | null;
  usage?: unknown;
  date?: string | null;
  source: { path: string };
}

function corpus(): IndexEntry[] {
  const index = join(CORPUS, 'index.json');
  if (!existsSync(index)) {
    throw new Error(`The recorded OpenAI corpus is missing: expected ${index} (the shared folder beside the repository, ../shared/real-openai)`);
  }
  return JSON.parse(readFileSync(index, 'utf8')) as IndexEntry[];
}

/** Multipart uploads have no request body; their cassette's file name names the model. */
function requestedModel(entry: IndexEntry): string {
  const model = entry.request_model ?? /_openai_([a-z0-9.-]+?)_(?:can|streams)_/.exec(entry.source.path)?.[1] ?? entry.response_model;
  if (!model) throw new Error(`${entry.file}: no model to price`);
  return model;
}

function at(entry: IndexEntry): Date | undefined {
  return entry.date ? new Date(entry.date) : undefined;
}

describe('PriceBook on the recorded OpenAI corpus', () => {
  const entries = corpus().filter((entry) => entry.status >= 200 && entry.status < 300);
  const book = new PriceBook();

  it('prices every successful recording with token usage exactly as calcPrice does', () => {
    let priced = 0;
    for (const entry of entries) {
      const usage = readTokenUsage(entry.usage);
      if (!usage) continue;
      const model = requestedModel(entry);
      expect({ file: entry.file, model, known: book.knows(model) }).toEqual({ file: entry.file, model, known: true });
      const cost = book.tokenCost(model, usage, undefined, at(entry));
      expect({ file: entry.file, priced: typeof cost }).toEqual({ file: entry.file, priced: 'number' });
      const database = calcPrice(toGenaiUsage(usage), model, { providerId: 'openai', timestamp: at(entry) });
      if (model === 'davinci-002') {
        expect(database).toBeNull();
        expect(cost).toBeCloseTo(((usage.input + usage.output) * 2) / 1e6, 15);
      } else {
        expect({ file: entry.file, cost }).toEqual({ file: entry.file, cost: expect.closeTo(database?.total_price as number, 15) });
      }
      priced++;
    }
    expect(priced).toBeGreaterThanOrEqual(56);
  });

  it('prices whisper duration usage per audio second', () => {
    const durations = entries.filter((entry) => readAudioSeconds(entry.usage) !== undefined);
    expect(durations.length).toBeGreaterThan(0);
    for (const entry of durations) {
      const model = requestedModel(entry);
      const seconds = readAudioSeconds(entry.usage) as number;
      const expected = calcPrice({ audio_seconds: seconds }, model, { providerId: 'openai' })?.total_price as number;
      expect(expected).toBeGreaterThan(0);
      expect(book.unitCost(model, { audioSeconds: seconds }, at(entry))).toBeCloseTo(expected, 15);
    }
  });

  it('prices the images dall-e returned', () => {
    const images = entries.filter((entry) => entry.path === '/v1/images/generations' && entry.request_model?.startsWith('dall-e'));
    expect(images.length).toBeGreaterThan(0);
    for (const entry of images) {
      const body = JSON.parse(JSON.parse(readFileSync(join(CORPUS, entry.file), 'utf8')).response.body) as { data: unknown[] };
      const model = requestedModel(entry);
      expect(book.knows(model)).toBe(true);
      expect(book.unitCost(model, { images: body.data.length })).toBeCloseTo(body.data.length * 0.02, 15);
    }
  });
});
