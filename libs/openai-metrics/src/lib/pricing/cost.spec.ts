import { costUsd } from './cost';

describe('costUsd', () => {
  const price = { input: 0.15, cachedInput: 0.075, output: 0.6 };

  it('prices uncached input, cached input and output once each, per 1M tokens', () => {
    const usage = { input: 1_000_000, cachedInput: 400_000, output: 200_000, reasoning: 0 };
    expect(costUsd(usage, price)).toBeCloseTo(0.6 * 0.15 + 0.4 * 0.075 + 0.2 * 0.6, 12);
  });

  it('counts reasoning tokens only as part of output', () => {
    const withReasoning = { input: 1000, cachedInput: 0, output: 500, reasoning: 300 };
    const without = { ...withReasoning, reasoning: 0 };
    expect(costUsd(withReasoning, price)).toBe(costUsd(without, price));
  });

  it('prices cached tokens as input when the model has no cache discount', () => {
    const usage = { input: 1000, cachedInput: 1000, output: 0, reasoning: 0 };
    expect(costUsd(usage, { input: 0.5, output: 1.5 })).toBeCloseTo(0.0005, 12);
  });

  it('never lets cached tokens exceed input tokens', () => {
    const usage = { input: 100, cachedInput: 500, output: 0, reasoning: 0 };
    expect(costUsd(usage, price)).toBeCloseTo((100 * 0.075) / 1e6, 15);
  });
});
