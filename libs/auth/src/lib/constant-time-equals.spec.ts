import { constantTimeEquals, indexOfSecret, matchesAnySecret } from './constant-time-equals';

describe('constantTimeEquals', () => {
  it.each([
    ['equal secrets', 'sk-secret-1', 'sk-secret-1', true],
    ['a different secret of the same length', 'sk-secret-2', 'sk-secret-1', false],
    ['a prefix of the secret', 'sk-secret', 'sk-secret-1', false],
    ['the secret plus a suffix', 'sk-secret-11', 'sk-secret-1', false],
    ['an empty candidate', '', 'sk-secret-1', false],
    ['a different case', 'SK-SECRET-1', 'sk-secret-1', false],
    ['equal non-ASCII secrets', 'clé-ключ-鍵', 'clé-ключ-鍵', true],
    ['a lookalike character', 'cle\u0301', 'clé', false],
    ['two empty strings', '', '', true],
  ])('compares %s', (_case, candidate, secret, expected) => {
    expect(constantTimeEquals(candidate, secret)).toBe(expected);
  });

  it('does not throw on inputs of very different lengths (timingSafeEqual would)', () => {
    expect(constantTimeEquals('x', 'y'.repeat(10_000))).toBe(false);
  });
});

describe('matchesAnySecret', () => {
  const secrets = ['first-key', 'second-key', 'third-key'];

  it.each(secrets)('accepts %s', (key) => {
    expect(matchesAnySecret(key, secrets)).toBe(true);
  });

  it.each(['', 'first', 'first-key ', 'fourth-key', 'first-keysecond-key'])('refuses %j', (candidate) => {
    expect(matchesAnySecret(candidate, secrets)).toBe(false);
  });

  it('accepts nothing when there are no secrets', () => {
    expect(matchesAnySecret('', [])).toBe(false);
    expect(matchesAnySecret('anything', [])).toBe(false);
  });
});

describe('indexOfSecret', () => {
  const secrets = ['first-key', 'second-key', 'first-key'];

  it.each([
    ['first-key', 0],
    ['second-key', 1],
    ['third-key', -1],
    ['', -1],
  ])('finds %j at %d (the first match)', (candidate, index) => {
    expect(indexOfSecret(candidate, secrets)).toBe(index);
  });
});
