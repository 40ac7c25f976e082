import { TenantLabelGuard } from './tenant-label.guard';

describe('TenantLabelGuard', () => {
  it('keeps the first `max` valid tenants and folds the rest into "other"', () => {
    const guard = new TenantLabelGuard({ max: 2 });
    expect(guard.label('acme')).toBe('acme');
    expect(guard.label('globex')).toBe('globex');
    expect(guard.label('initech')).toBe('other');
    expect(guard.label('acme')).toBe('acme');
  });

  it('labels malformed values "invalid" and missing ones "unknown", without counting them against max', () => {
    const guard = new TenantLabelGuard({ max: 1 });
    for (const value of ['has space', 'x'.repeat(65), '', 'naïve', '{"a":1}', 42]) {
      expect(guard.label(value)).toBe(value === '' ? 'unknown' : 'invalid');
    }
    expect(guard.label(undefined)).toBe('unknown');
    expect(guard.label('first')).toBe('first');
  });

  it('with `allow`, keeps only the listed tenants', () => {
    const guard = new TenantLabelGuard({ allow: ['acme'] });
    expect(guard.label('acme')).toBe('acme');
    expect(guard.label('globex')).toBe('other');
  });

  it('stays bounded under 10,000 distinct values', () => {
    const guard = new TenantLabelGuard({});
    const labels = new Set<string>();
    for (let i = 0; i < 10_000; i++) labels.add(guard.label(`tenant-${i}`));
    expect(labels.size).toBe(101);
    expect(labels.has('other')).toBe(true);
  });

  it('rejects a negative or fractional max', () => {
    expect(() => new TenantLabelGuard({ max: -1 })).toThrow(/tenant.max/);
    expect(() => new TenantLabelGuard({ max: 1.5 })).toThrow(/tenant.max/);
  });
});
