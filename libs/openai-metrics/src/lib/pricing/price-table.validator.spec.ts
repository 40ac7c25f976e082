import { validatePriceTable } from './price-table.validator';

describe('validatePriceTable', () => {
  it('accepts every field, each optional, and returns a frozen copy', () => {
    const table = {
      'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
      'gpt-4o-mini': { output: 0.6 },
      'dall-e-3': { perImage: 0.04 },
      'whisper-1': { perAudioMinute: 0.006 },
      'tts-1': { perMillionCharacters: 15 },
      free: { input: 0 },
    };
    const valid = validatePriceTable(table);
    expect(valid).toEqual(table);
    expect(valid).not.toBe(table);
    expect(Object.isFrozen(valid)).toBe(true);
    expect(Object.isFrozen(valid['gpt-4o'])).toBe(true);
  });

  it.each([
    [{ broken: { input: -1, output: 1 } }, 'pricing["broken"].input must be a non-negative finite number of USD per 1M tokens, got -1'],
    [{ m: { output: Number.POSITIVE_INFINITY } }, 'pricing["m"].output must be a non-negative finite number of USD per 1M tokens, got Infinity'],
    [{ m: { cachedInput: '0.5' } }, 'pricing["m"].cachedInput must be a non-negative finite number of USD per 1M tokens, got "0.5"'],
    [{ m: { perImage: null } }, 'pricing["m"].perImage must be a non-negative finite number of USD per image, got null'],
    [{ m: { perAudioMinute: Number.NaN } }, 'pricing["m"].perAudioMinute must be a non-negative finite number of USD per minute of audio, got NaN'],
    [{ m: { perMillionCharacters: {} } }, 'pricing["m"].perMillionCharacters must be a non-negative finite number of USD per 1M characters, got object'],
    [{ m: {} }, 'pricing["m"] is empty: give at least one of input, cachedInput, output, perImage, perAudioMinute, perMillionCharacters'],
    [{ m: { input: 1, inptu: 2 } }, 'pricing["m"].inptu is not a price field; the fields are input, cachedInput, output, perImage, perAudioMinute, perMillionCharacters'],
    [{ m: 2 }, 'pricing["m"] must be an object with any of input, cachedInput, output'],
    [{ m: [1] }, 'pricing["m"] must be an object with any of'],
    [{ ' ': { input: 1 } }, 'pricing[" "]: the model name is empty'],
    [[], 'pricing must be an object keyed by model name'],
    [null, 'pricing must be an object keyed by model name'],
    ['{"gpt-4o":{}}', 'pricing must be an object keyed by model name'],
  ])('rejects %p with a message naming the model and field', (table, message) => {
    expect(() => validatePriceTable(table)).toThrow(message);
  });

  it('prefixes the origin', () => {
    expect(() => validatePriceTable({ m: { input: -1 } }, '/etc/prices.json')).toThrow('/etc/prices.json: pricing["m"].input must be');
  });
});
