import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAiConfig } from './ai-config';
import { ConfigError } from './config.error';

const required = { OPENAI_API_KEY: 'sk-test', AI_API_KEYS: 'a' };

describe('OPENAI_PRICING_FILE', () => {
  let dir: string;
  const write = (content: string) => {
    const path = join(dir, 'prices.json');
    writeFileSync(path, content);
    return path;
  };
  const pricingFrom = (path: string) => loadAiConfig({ ...required, OPENAI_PRICING_FILE: path }).pricing;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'prices-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads USD per 1M tokens per model, cachedInput optional', () => {
    const path = write(JSON.stringify({ a: { input: 0.15, cachedInput: 0.075, output: 0.6 }, b: { input: 1, output: 2 } }));
    expect(pricingFrom(path)).toEqual({ a: { input: 0.15, cachedInput: 0.075, output: 0.6 }, b: { input: 1, output: 2 } });
  });

  it.each([
    ['not json', /^OPENAI_PRICING_FILE \(.*prices\.json\) could not be read as JSON/],
    ['[1, 2]', /^OPENAI_PRICING_FILE \(.*prices\.json\): pricing must be an object keyed by model name/],
    [JSON.stringify({ a: { input: -1, output: 1 } }), /^OPENAI_PRICING_FILE \(.*\): pricing\["a"\]\.input must be a non-negative finite number/],
    [JSON.stringify({ a: { input: 1, output: 1, cachedInput: 'cheap' } }), /^OPENAI_PRICING_FILE \(.*\): pricing\["a"\]\.cachedInput must be/],
    [JSON.stringify({ a: { input: 1, outptu: 2 } }), /^OPENAI_PRICING_FILE \(.*\): pricing\["a"\]\.outptu is not a price field/],
    [JSON.stringify({ a: {} }), /^OPENAI_PRICING_FILE \(.*\): pricing\["a"\] is empty/],
  ])('stops startup on %s, naming the variable', (content, message) => {
    const path = write(content);
    expect(() => pricingFrom(path)).toThrow(ConfigError);
    expect(() => pricingFrom(path)).toThrow(message);
  });

  it('names the variable when the file is missing', () => {
    expect(() => pricingFrom(join(dir, 'missing.json'))).toThrow(/^OPENAI_PRICING_FILE \(.*missing\.json\) could not be read/);
  });
});
