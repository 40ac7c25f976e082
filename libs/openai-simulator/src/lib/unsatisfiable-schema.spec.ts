import OpenAI, { BadRequestError } from 'openai';
import { OpenAiSimulator } from './openai-simulator';

const IMPOSSIBLE = {
  type: 'object',
  properties: { code: { type: 'string', pattern: '^[0-9]{4}-zz$' } },
  required: ['code'],
  additionalProperties: false,
};

describe('a json_schema the simulator cannot satisfy', () => {
  let sim: OpenAiSimulator;

  beforeAll(async () => (sim = await OpenAiSimulator.start()));
  afterEach(() => sim.reset());
  afterAll(() => sim.stop());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${sim.baseURL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify(body),
    });
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() };
  };

  it.each([
    ['/responses', false, { model: 'gpt-4o', input: 'x', text: { format: { type: 'json_schema', name: 'code', schema: IMPOSSIBLE } } }, 'text.format.schema'],
    ['/responses', true, { model: 'gpt-4o', input: 'x', stream: true, text: { format: { type: 'json_schema', name: 'code', schema: IMPOSSIBLE } } }, 'text.format.schema'],
    [
      '/chat/completions',
      false,
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'code', schema: IMPOSSIBLE } } },
      'response_format.json_schema.schema',
    ],
    [
      '/chat/completions',
      true,
      { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'code', schema: IMPOSSIBLE } } },
      'response_format.json_schema.schema',
    ],
  ])('POST %s (stream: %s) answers 400 with an OpenAI error naming the schema and where it fails', async (path, _stream, body, param) => {
    const answer = await post(path, body);
    expect(answer.status).toBe(400);
    expect(answer.requestId).toMatch(/^req_/);
    expect(answer.body).toEqual({
      error: {
        message: expect.stringMatching(/^Invalid schema: no generated value matches pattern "\^\[0-9\]\{4\}-zz\$" at #\/properties\/code$/),
        type: 'invalid_request_error',
        param,
        code: 'invalid_json_schema',
      },
    });
  });

  it('reaches the SDK as a BadRequestError, never as a sample that fails to parse', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL, maxRetries: 0, logLevel: 'off' });
    const error = await client.responses
      .parse({ model: 'gpt-4o', input: 'x', text: { format: { type: 'json_schema', name: 'code', schema: { not: {} }, strict: true } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toMatch(/unsupported keyword "not" at #/);
    expect((error as BadRequestError).code).toBe('invalid_json_schema');
    expect(sim.requestCount).toBe(1);
  });
});
