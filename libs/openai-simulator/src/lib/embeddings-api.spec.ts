import OpenAI, { BadRequestError, InternalServerError } from 'openai';
import { estimateTokens } from './token-estimate';
import { useSimulator } from '../../test/use-simulator';

describe('POST /v1/embeddings', () => {
  const suite = useSimulator();

  const norm = (vector: number[]) => Math.hypot(...vector);

  it('answers one unit vector per input with prompt_tokens = total_tokens (SDK default: base64)', async () => {
    const input = ['The first text to embed.', 'And a second one.'];
    const answer = await suite.client.embeddings.create({ model: 'text-embedding-3-small', input });
    expect(answer.object).toBe('list');
    expect(answer.model).toBe('text-embedding-3-small');
    expect(answer.data.map((item) => item.index)).toEqual([0, 1]);
    for (const { embedding } of answer.data) {
      expect(embedding).toHaveLength(1536);
      expect(norm(embedding)).toBeCloseTo(1, 5);
    }
    const tokens = estimateTokens(input.join(''));
    expect(answer.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
    expect(suite.sim.requests[0]).toMatchObject({ path: '/v1/embeddings', model: 'text-embedding-3-small' });
  });

  it('honours dimensions, float encoding, token-array input and the large model size', async () => {
    const floats = await suite.client.embeddings.create({ model: 'text-embedding-3-small', input: 'x', dimensions: 8, encoding_format: 'float' });
    expect(floats.data[0].embedding).toHaveLength(8);
    const tokens = await suite.client.embeddings.create({ model: 'text-embedding-3-large', input: [[1, 2, 3], [4, 5]] });
    expect(tokens.data).toHaveLength(2);
    expect(tokens.data[0].embedding).toHaveLength(3072);
    expect(tokens.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
  });

  it('counts against the rate-limit window and takes faults like any /v1 request', async () => {
    const { response } = await suite.client.embeddings.create({ model: 'text-embedding-3-small', input: 'abcdefgh' }).withResponse();
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe(String(2_000_000 - 2));
    suite.sim.enqueueFaults({ kind: 'status', status: 500 });
    await expect(suite.client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })).rejects.toBeInstanceOf(InternalServerError);
  });

  it('rejects a request without input', async () => {
    const error = await suite.client.embeddings.create({ model: 'text-embedding-3-small' } as OpenAI.EmbeddingCreateParams).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('input');
  });
});
