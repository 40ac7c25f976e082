import { ApiKeyGuard } from './api-key.guard';
import { AuthModule } from './auth.module';
import { MetricsTokenGuard } from './metrics-token.guard';

describe('AuthModule.forRoot', () => {
  it.each([
    ['no keys', []],
    ['an empty key', ['good-key', '']],
    ['an empty named key', [{ name: 'acme', key: '' }]],
  ])('refuses %s', (_case, apiKeys) => {
    expect(() => AuthModule.forRoot({ apiKeys })).toThrow(/at least one non-empty API key/);
  });

  it('refuses a named key without a name', () => {
    expect(() => AuthModule.forRoot({ apiKeys: [{ name: '', key: 'k' }] })).toThrow(/non-empty name/);
  });

  it('refuses the same key twice, bare or named, without naming it', () => {
    const configure = () => AuthModule.forRoot({ apiKeys: ['shared-secret', { name: 'acme', key: 'shared-secret' }] });
    expect(configure).toThrow(/the same API key is configured twice/);
    expect(configure).toThrow(/^(?!.*shared-secret)/);
  });

  it('is global and exports the guards', () => {
    const module = AuthModule.forRoot({ apiKeys: ['key'] });
    expect(module.global).toBe(true);
    expect(module.exports).toEqual(expect.arrayContaining([ApiKeyGuard, MetricsTokenGuard]));
  });
});
