import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it.each([
    ['Bearer abc123', 'abc123'],
    ['bearer abc123', 'abc123'],
    ['BEARER abc123', 'abc123'],
    ['Bearer   abc123', 'abc123'],
    ['Bearer abc123  ', 'abc123'],
    ['Bearer sk-proj_a.b~c/d+e=', 'sk-proj_a.b~c/d+e='],
  ])('reads the token of %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    ['no header', undefined],
    ['a repeated header', ['Bearer a', 'Bearer b']],
    ['an empty header', ''],
    ['an empty bearer', 'Bearer '],
    ['a bare token', 'abc123'],
    ['another scheme', 'Basic YWJjOjEyMw=='],
    ['a token with a space', 'Bearer abc 123'],
    ['no space after the scheme', 'Bearerabc123'],
    ['a leading space', ' Bearer abc123'],
  ])('finds no token in %s', (_case, header) => {
    expect(bearerToken(header as string | string[] | undefined)).toBeUndefined();
  });
});
