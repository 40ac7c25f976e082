import OpenAI, { InternalServerError, RateLimitError } from 'openai';
import { OpenAiSimulator } from './openai-simulator';

describe('control API', () => {
  let sim: OpenAiSimulator;
  let client: OpenAI;
  let root: string;

  const post = (path: string, body?: unknown) =>
    fetch(`${root}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    sim = await OpenAiSimulator.start();
    root = sim.baseURL.replace(/\/v1$/, '');
    client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL, maxRetries: 0, logLevel: 'off' });
  });
  afterEach(() => sim.reset());
  afterAll(() => sim.stop());

  it('GET /health answers ok without counting as an API request', async () => {
    const response = await fetch(`${root}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(sim.requestCount).toBe(0);
  });

  it('POST /__sim/faults queues faults for the next API requests', async () => {
    const queued = await post('/__sim/faults', {
      faults: [{ kind: 'status', status: 500 }, { kind: 'status', status: 429, headers: { 'retry-after': '1' } }],
    });
    expect(queued.status).toBe(200);
    expect(await queued.json()).toEqual({ queued: 2 });

    await expect(client.responses.create({ model: 'gpt-4o', input: 'x' })).rejects.toBeInstanceOf(InternalServerError);
    await expect(client.responses.create({ model: 'gpt-4o', input: 'x' })).rejects.toBeInstanceOf(RateLimitError);
    await expect(client.responses.create({ model: 'gpt-4o', input: 'x' })).resolves.toMatchObject({ status: 'completed' });
  });

  it('POST /__sim/faults rejects malformed faults with a 400 and queues nothing', async () => {
    const invalid = await post('/__sim/faults', { faults: [{ kind: 'drop' }, { kind: 'explode' }] });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { message: 'unknown fault kind "explode"' } });
    expect((await post('/__sim/faults', { faults: 'drop' })).status).toBe(400);
    expect((await post('/__sim/faults', { faults: [{ kind: 'status', status: 99 }] })).status).toBe(400);

    await expect(client.responses.create({ model: 'gpt-4o', input: 'x' })).resolves.toMatchObject({ status: 'completed' });
  });

  it('POST /__sim/config changes options; host/port and invalid values are refused', async () => {
    const configured = await post('/__sim/config', { cachedInputRatio: 1 });
    expect(configured.status).toBe(200);
    const { usage } = await client.responses.create({ model: 'gpt-4o', input: 'twelve chars' });
    expect(usage?.input_tokens_details.cached_tokens).toBe(usage?.input_tokens);

    expect((await post('/__sim/config', { port: 1234 })).status).toBe(400);
    const invalid = await post('/__sim/config', { transientFaultRate: 2 });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { message: expect.stringContaining('transientFaultRate') } });
    expect((await post('/__sim/config', { nope: true })).status).toBe(400);
    expect((await fetch(`${root}/__sim/config`, { method: 'POST', body: '{' })).status).toBe(400);
  });

  it('GET /__sim/stats counts API requests by path; POST /__sim/reset clears them and the config', async () => {
    await post('/__sim/config', { cachedInputRatio: 1 });
    await client.responses.create({ model: 'gpt-4o', input: 'x' });
    await client.responses.create({ model: 'gpt-4o', input: 'x' });
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });

    const stats = await fetch(`${root}/__sim/stats`);
    expect(await stats.json()).toEqual({ requestCount: 3, byPath: { '/v1/responses': 2, '/v1/chat/completions': 1 } });

    const reset = await post('/__sim/reset');
    expect(reset.status).toBe(200);
    expect(await (await fetch(`${root}/__sim/stats`)).json()).toEqual({ requestCount: 0, byPath: {} });
    const { usage } = await client.responses.create({ model: 'gpt-4o', input: 'x' });
    expect(usage?.input_tokens_details.cached_tokens).toBe(0);
  });

  it('answers unknown control routes and other paths with 404', async () => {
    expect((await fetch(`${root}/__sim/nope`)).status).toBe(404);
    expect((await fetch(`${root}/__sim/reset`)).status).toBe(404);
    expect((await fetch(`${root}/elsewhere`)).status).toBe(404);
  });
});
