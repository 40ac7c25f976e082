import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { OpenAiSimulator } from './openai-simulator';

const Label = z.object({ label: z.enum(['a', 'b']) });

/**
 * Jest runs specs in their own realm, so errors thrown by Node's fetch fail the SDK's `instanceof Error`
 * and it cannot tell a timeout (AbortError) from other connection errors. Re-throwing in this realm with
 * the same name restores what the SDK sees in a plain Node process.
 */
const sameRealmFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (error) {
    const { message, name, cause } = error as Error;
    throw Object.assign(new Error(message, { cause }), { name });
  }
};

describe('faults', () => {
  let sim: OpenAiSimulator;
  let client: OpenAI;
  const ask = (c: OpenAI = client) => c.responses.create({ model: 'gpt-4o-mini', input: 'hi' });
  const failure = (promise: Promise<unknown>) => promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

  beforeAll(async () => {
    sim = await OpenAiSimulator.start();
    client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL, maxRetries: 0, logLevel: 'off', fetch: sameRealmFetch });
  });
  afterEach(() => sim.reset());
  afterAll(() => sim.stop());

  it.each([
    [400, BadRequestError, 'invalid_request_error', null],
    [401, AuthenticationError, 'authentication_error', 'invalid_api_key'],
    [403, PermissionDeniedError, 'permission_error', 'permission_denied'],
    [404, NotFoundError, 'not_found_error', 'not_found'],
    [409, ConflictError, 'conflict_error', 'conflict'],
    [422, UnprocessableEntityError, 'unprocessable_entity_error', 'unprocessable_entity'],
    [429, RateLimitError, 'requests', 'rate_limit_exceeded'],
    [500, InternalServerError, 'server_error', null],
    [502, InternalServerError, 'server_error', null],
    [503, InternalServerError, 'server_error', null],
  ])('status %i surfaces as %p with an OpenAI error body', async (status, errorClass, type, code) => {
    sim.enqueueFaults({ kind: 'status', status });
    const error = (await failure(ask())) as APIError;

    expect(error).toBeInstanceOf(errorClass);
    expect(error.status).toBe(status);
    expect(error.type).toBe(type);
    expect(error.code).toBe(code);
    expect(error.param).toBeNull();
    expect(error.requestID).toMatch(/^req_/);
    expect(error.headers?.get('x-ratelimit-limit-requests')).toBe('10000');
  });

  it('passes fault headers and a custom body through', async () => {
    sim.enqueueFaults({
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': '2' },
      body: JSON.stringify({ error: { message: 'quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }),
    });
    const error = (await failure(ask())) as RateLimitError;

    expect(error.code).toBe('insufficient_quota');
    expect(error.headers?.get('retry-after')).toBe('2');
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
  });

  it('drop: the SDK sees a connection error', async () => {
    sim.enqueueFaults({ kind: 'drop' });
    const error = await failure(ask());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('stall: the SDK timeout fires first', async () => {
    sim.enqueueFaults({ kind: 'stall' });
    const started = Date.now();
    const error = await failure(client.responses.create({ model: 'gpt-4o-mini', input: 'hi' }, { timeout: 200 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stall with a short ms answers normally afterwards', async () => {
    sim.enqueueFaults({ kind: 'stall', ms: 50 });
    const started = Date.now();
    const response = await ask();
    expect(response.status).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('invalid-json: the SDK fails to parse the body', async () => {
    sim.enqueueFaults({ kind: 'invalid-json' });
    expect(await failure(ask())).toMatchObject({ name: 'SyntaxError' });
  });

  it('invalid-json on a stream: iteration fails to parse the event', async () => {
    sim.enqueueFaults({ kind: 'invalid-json' });
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true });
    const iterate = async () => {
      for await (const _event of stream) {
        // drain
      }
    };
    expect(await failure(iterate())).toBeInstanceOf(SyntaxError);
  });

  it('schema-mismatch: responses.parse rejects the well-formed answer', async () => {
    sim.enqueueFaults({ kind: 'schema-mismatch' });
    const error = await failure(
      client.responses.parse({ model: 'gpt-4o-mini', input: 'hi', text: { format: zodTextFormat(Label, 'label') } }),
    );
    expect(error).toBeInstanceOf(z.ZodError);
  });

  it('schema-mismatch: the raw output is valid JSON that fails the schema', async () => {
    sim.enqueueFaults({ kind: 'schema-mismatch' });
    const response = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'hi',
      text: { format: zodTextFormat(Label, 'label') },
    });
    expect(JSON.parse(response.output_text)).toEqual({ unexpected: true });
    expect(Label.safeParse(JSON.parse(response.output_text)).success).toBe(false);
  });

  it('stream-break: iteration throws after afterChunks events', async () => {
    sim.enqueueFaults({ kind: 'stream-break', afterChunks: 3 });
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true });
    const received: string[] = [];
    const iterate = async () => {
      for await (const event of stream) received.push(event.type);
    };
    expect(await failure(iterate())).toMatchObject({ name: 'TypeError', message: 'terminated' });
    expect(received).toEqual(['response.created', 'response.in_progress', 'response.output_item.added']);
  });

  it('stream-break: chat streams break after the default 2 chunks', async () => {
    sim.enqueueFaults({ kind: 'stream-break' });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let received = 0;
    const iterate = async () => {
      for await (const _chunk of stream) received++;
    };
    expect(await failure(iterate())).toMatchObject({ name: 'TypeError', message: 'terminated' });
    expect(received).toBe(2);
  });

  it('stream-break on a non-streaming request cuts the body', async () => {
    sim.enqueueFaults({ kind: 'stream-break' });
    expect(await failure(ask())).toMatchObject({ name: 'TypeError', message: 'terminated' });
  });

  it('applies queued faults first in, first out, then behaves normally', async () => {
    sim.enqueueFaults({ kind: 'status', status: 503 }, { kind: 'status', status: 401 });
    sim.enqueueFaults({ kind: 'status', status: 404 });

    expect(await failure(ask())).toBeInstanceOf(InternalServerError);
    expect(await failure(ask())).toBeInstanceOf(AuthenticationError);
    expect(await failure(ask())).toBeInstanceOf(NotFoundError);
    expect((await ask()).status).toBe('completed');
  });

  it('lets SDK retries through: retry-after-ms is honoured and retry counts are recorded', async () => {
    const retrying = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL, maxRetries: 2, logLevel: 'off' });
    sim.enqueueFaults(
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '5' } },
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '5' } },
    );
    const started = Date.now();
    const response = await ask(retrying);

    expect(response.status).toBe('completed');
    expect(Date.now() - started).toBeLessThan(400);
    expect(sim.requests.map((r) => r.retryCount)).toEqual(['0', '1', '2']);
  });

  it('answers every request with a transient fault at transientFaultRate 1, reproducibly from the seed', async () => {
    const statuses = async (seed: number) => {
      sim.configure({ transientFaultRate: 1, seed });
      const seen: number[] = [];
      for (let i = 0; i < 16; i++) seen.push(((await failure(ask())) as APIError).status ?? 0);
      return seen;
    };
    const first = await statuses(7);
    const again = await statuses(7);

    expect(first).toEqual(again);
    expect(new Set(first)).toEqual(new Set([500, 502, 503, 429]));
  });

  it('answers 400 at permanentFaultRate 1 and nothing random at rate 0', async () => {
    sim.configure({ permanentFaultRate: 1 });
    expect(await failure(ask())).toBeInstanceOf(BadRequestError);
    sim.configure({ permanentFaultRate: 0 });
    expect((await ask()).status).toBe('completed');
  });

  it('injects random faults in roughly the configured share', async () => {
    sim.configure({ transientFaultRate: 0.3 });
    let failures = 0;
    for (let i = 0; i < 100; i++) failures += await ask().then(() => 0, () => 1);
    expect(failures).toBeGreaterThan(15);
    expect(failures).toBeLessThan(45);
  });

  it('answers unknown paths with a 404 OpenAI error and malformed JSON with a 400', async () => {
    const unknown = await fetch(`${sim.baseURL}/nope`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: 'not_found_error', message: 'Invalid URL (POST /v1/nope)' } });

    const malformed = await fetch(`${sim.baseURL}/responses`, { method: 'POST', body: '{"model":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { type: 'invalid_request_error', param: null } });
    expect(malformed.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
