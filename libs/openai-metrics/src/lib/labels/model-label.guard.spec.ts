import { assertValidLabelValue } from './label-name.validator';
import { ModelLabelGuard, OTHER_MODEL } from './model-label.guard';

describe('ModelLabelGuard', () => {
  const guard = new ModelLabelGuard(['my-fine-tune'], (model) => model === 'gpt-4o-mini');

  it('keeps priced and listed models and folds every other value into "other"', () => {
    expect(guard.label('gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(guard.label('my-fine-tune')).toBe('my-fine-tune');
    expect(guard.label('x'.repeat(200))).toBe(OTHER_MODEL);
    expect(guard.label('gpt-4o-mini-2024-07-18')).toBe(OTHER_MODEL);
    expect(guard.label(undefined)).toBe(OTHER_MODEL);
    expect(guard.label(42)).toBe(OTHER_MODEL);
  });
});

describe('assertValidLabelValue', () => {
  it.each(['summaries', 'classify_v2', 'a1'])('accepts %s', (value) => {
    expect(() => assertValidLabelValue('operation', value)).not.toThrow();
  });

  it.each(['', 'Summaries', '1st', 'with space', 'dash-ed', 'ü'])('rejects %p with a message naming it', (value) => {
    expect(() => assertValidLabelValue('capability', value)).toThrow(/capability .* must match/);
  });
});
