import { ApiKeyGuard } from './api-key.guard';
import { AuthModule } from './auth.module';
import { MetricsTokenGuard } from './metrics-token.guard';

describe('AuthModule.forRoot', () => {
  it.each([
    ['no keys', []],
    ['an empty key', ['good-key', '']],
  ])('refuses %s', (_case, apiKeys) => {
    expect(() => AuthModule.forRoot({ apiKeys })).toThrow(/at least one non-empty API key/);
  });

  it('is global and exports the guards', () => {
    const module = AuthModule.forRoot({ apiKeys: ['key'] });
    expect(module.global).toBe(true);
    expect(module.exports).toEqual(expect.arrayContaining([ApiKeyGuard, MetricsTokenGuard]));
  });
});
