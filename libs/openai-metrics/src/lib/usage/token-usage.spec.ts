import { readTokenUsage } from './token-usage';

describe('readTokenUsage', () => {
  it('reads Responses API usage', () => {
    const usage = {
      input_tokens: 120,
      input_tokens_details: { cached_tokens: 64 },
      output_tokens: 40,
      output_tokens_details: { reasoning_tokens: 16 },
      total_tokens: 160,
    };
    expect(readTokenUsage(usage)).toEqual({ input: 120, output: 40, cachedInput: 64, reasoning: 16 });
  });

  it('reads Chat Completions usage', () => {
    const usage = {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 2 },
      completion_tokens_details: { reasoning_tokens: 1 },
    };
    expect(readTokenUsage(usage)).toEqual({ input: 10, output: 5, cachedInput: 2, reasoning: 1 });
  });

  it('treats missing details as zero and rejects objects without token counts', () => {
    expect(readTokenUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({ input: 3, output: 4, cachedInput: 0, reasoning: 0 });
    expect(readTokenUsage({ total: 3 })).toBeUndefined();
    expect(readTokenUsage(null)).toBeUndefined();
  });
});
