import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import { readPricingFile } from './pricing-file';

describe('readPricingFile', () => {
  let dir: string;
  const write = (content: string) => {
    const path = join(dir, 'prices.json');
    writeFileSync(path, content);
    return path;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'prices-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads USD per 1M tokens per model, cachedInput optional', () => {
    const path = write(JSON.stringify({ a: { input: 0.15, cachedInput: 0.075, output: 0.6 }, b: { input: 1, output: 2 } }));
    expect(readPricingFile(path)).toEqual({ a: { input: 0.15, cachedInput: 0.075, output: 0.6 }, b: { input: 1, output: 2 } });
  });

  it.each([
    ['not json', /could not be read as JSON/],
    ['[1, 2]', /object keyed by model name/],
    [JSON.stringify({ a: { input: -1, output: 1 } }), /"a"\.input must be a non-negative number/],
    [JSON.stringify({ a: { input: 1 } }), /"a"\.output must be a non-negative number/],
    [JSON.stringify({ a: { input: 1, output: 1, cachedInput: 'cheap' } }), /"a"\.cachedInput/],
  ])('rejects %s', (content, message) => {
    const path = write(content);
    expect(() => readPricingFile(path)).toThrow(ConfigError);
    expect(() => readPricingFile(path)).toThrow(message);
  });

  it('names the variable when the file is missing', () => {
    expect(() => readPricingFile(join(dir, 'missing.json'))).toThrow(/OPENAI_PRICING_FILE/);
  });
});
