import { normalizeTokenUsage, readAudioSeconds, readTokenUsage } from './token-usage';

const NONE = { input: 0, output: 0, cachedInput: 0, reasoning: 0, inputAudio: 0, outputAudio: 0, cachedAudio: 0, cacheWrite: 0 };

describe('readTokenUsage', () => {
  it('reads Responses API usage', () => {
    const usage = {
      input_tokens: 120,
      input_tokens_details: { cached_tokens: 64 },
      output_tokens: 40,
      output_tokens_details: { reasoning_tokens: 16 },
      total_tokens: 160,
    };
    expect(readTokenUsage(usage)).toEqual({ ...NONE, input: 120, output: 40, cachedInput: 64, reasoning: 16 });
  });

  it('reads Chat Completions usage', () => {
    const usage = {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 2 },
      completion_tokens_details: { reasoning_tokens: 1 },
    };
    expect(readTokenUsage(usage)).toEqual({ ...NONE, input: 10, output: 5, cachedInput: 2, reasoning: 1 });
  });

  it('treats missing details as zero and rejects objects without token counts', () => {
    expect(readTokenUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({ ...NONE, input: 3, output: 4 });
    expect(readTokenUsage({ total: 3 })).toBeUndefined();
    expect(readTokenUsage(null)).toBeUndefined();
  });

  it('reads audio token details and keeps every detail within its total', () => {
    const usage = {
      prompt_tokens: 50,
      completion_tokens: 20,
      prompt_tokens_details: { cached_tokens: 80, audio_tokens: 30 },
      completion_tokens_details: { audio_tokens: 15, reasoning_tokens: 99 },
    };
    expect(readTokenUsage(usage)).toEqual({ ...NONE, input: 50, output: 20, cachedInput: 50, inputAudio: 30, outputAudio: 15, reasoning: 20 });
  });

  it('counts hostile values as zero: NaN, negative, strings, unsafe integers, throwing getters', () => {
    const throwing = Object.defineProperty({}, 'cached_tokens', {
      get() {
        throw new Error('boom');
      },
    });
    const usage = { input_tokens: Number.NaN, output_tokens: 1e308, input_tokens_details: throwing, output_tokens_details: { reasoning_tokens: '5' } };
    expect(readTokenUsage(usage)).toEqual(NONE);
    expect(readTokenUsage({ input_tokens: -3, output_tokens: 2 })).toEqual({ ...NONE, output: 2 });
  });

  it('counts only the field whose getter throws as zero, and still reads the others', () => {
    const details = Object.defineProperty({ audio_tokens: 3 }, 'cached_tokens', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const usage = { prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: details, completion_tokens_details: { reasoning_tokens: 2 } };
    expect(readTokenUsage(usage)).toEqual({ ...NONE, input: 10, output: 5, inputAudio: 3, reasoning: 2 });
    const throwingInput = Object.defineProperty({ prompt_tokens: 7, output_tokens: 1 }, 'input_tokens', {
      get() {
        throw new Error('boom');
      },
    });
    expect(readTokenUsage(throwingInput)).toEqual({ ...NONE, input: 7, output: 1 });
  });

  it("reads whisper's duration usage", () => {
    expect(readAudioSeconds({ type: 'duration', seconds: 7.5 })).toBe(7.5);
    expect(readAudioSeconds({ type: 'tokens', input_tokens: 3 })).toBeUndefined();
    expect(readAudioSeconds({ type: 'duration', seconds: Number.POSITIVE_INFINITY })).toBeUndefined();
  });

  it('normalises caller-supplied usage, filling the details it leaves out', () => {
    expect(normalizeTokenUsage({ input: 5, output: 2, cachedInput: 9 })).toEqual({ ...NONE, input: 5, output: 2, cachedInput: 5 });
  });
});
