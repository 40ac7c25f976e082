import { z } from 'zod';
import { ConfigError } from './config.error';
import { envBoolean, envInteger, envList, envNumber, envRequired, envText } from './env-field';
import { parseEnv } from './parse-env';

const schema = z.object({
  NAME: envRequired(),
  LABEL: envText(),
  MODE: envText('fast'),
  COUNT: envInteger(3, { min: 1, max: 10 }),
  LIMIT: envInteger(undefined, { min: 0 }),
  RATIO: envNumber((value) => (value <= 1 ? undefined : 'at most 1')),
  ENABLED: envBoolean(true),
  ITEMS: envList((entry, fail) => (entry.startsWith('x') ? entry : fail('must start with x')), { optional: true }),
  KEYS: envList(),
});

const valid = { NAME: 'n', LIMIT: '0', KEYS: 'a' };

describe('parseEnv', () => {
  it('trims values, treats blanks as unset and applies fallbacks', () => {
    expect(parseEnv(schema, { ...valid, NAME: '  n  ', LABEL: '   ', RATIO: '' })).toEqual({
      NAME: 'n',
      LABEL: undefined,
      MODE: 'fast',
      COUNT: 3,
      LIMIT: 0,
      RATIO: undefined,
      ENABLED: true,
      ITEMS: [],
      KEYS: ['a'],
    });
  });

  it('reads every kind of field', () => {
    const env = { NAME: 'n', LABEL: 'l', MODE: 'slow', COUNT: '10', LIMIT: '7', RATIO: '0.5', ENABLED: 'NO', ITEMS: 'x1, ,x2,', KEYS: ' a , b ' };
    expect(parseEnv(schema, env)).toEqual({
      NAME: 'n',
      LABEL: 'l',
      MODE: 'slow',
      COUNT: 10,
      LIMIT: 7,
      RATIO: 0.5,
      ENABLED: false,
      ITEMS: ['x1', 'x2'],
      KEYS: ['a', 'b'],
    });
  });

  it.each([
    [{ ...valid, NAME: ' ' }, 'NAME is required but not set'],
    [{ ...valid, LIMIT: undefined }, 'LIMIT is required but not set'],
    [{ ...valid, COUNT: '2.5' }, 'COUNT must be a whole number, got "2.5"'],
    [{ ...valid, COUNT: '11' }, 'COUNT must be between 1 and 10, got 11'],
    [{ ...valid, COUNT: '99999999999999999999' }, 'COUNT must be a whole number'],
    [{ ...valid, RATIO: 'half' }, 'RATIO must be a number, got "half"'],
    [{ ...valid, RATIO: 'Infinity' }, 'RATIO must be a number, got "Infinity"'],
    [{ ...valid, RATIO: '2' }, 'RATIO must be at most 1, got 2'],
    [{ ...valid, ENABLED: 'perhaps' }, 'ENABLED must be true or false, got "perhaps"'],
    [{ ...valid, ITEMS: 'x1,y2' }, 'ITEMS entry 2 must start with x'],
    [{ ...valid, KEYS: ' , ' }, 'KEYS must list at least one value (comma-separated)'],
    [{ ...valid, KEYS: undefined }, 'KEYS is required but not set'],
  ])('rejects %j with a ConfigError naming the variable', (env, message) => {
    expect(() => parseEnv(schema, env)).toThrow(ConfigError);
    expect(() => parseEnv(schema, env)).toThrow(message);
  });

  it('reports every bad variable at once', () => {
    expect(() => parseEnv(schema, { ...valid, COUNT: 'x', ENABLED: 'y' })).toThrow(
      'COUNT must be a whole number, got "x"; ENABLED must be true or false, got "y"',
    );
  });
});
