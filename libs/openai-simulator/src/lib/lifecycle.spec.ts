import OpenAI from 'openai';
import { OpenAiSimulator } from './openai-simulator';
import { RequestLog } from './recorded-request';

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition not met within 1 s');
}

describe('OpenAiSimulator lifecycle', () => {
  it('listens on 127.0.0.1 with an ephemeral port and exposes a /v1 base URL', async () => {
    const sim = await OpenAiSimulator.start();
    try {
      expect(sim.port).toBeGreaterThan(0);
      expect(sim.baseURL).toBe(`http://127.0.0.1:${sim.port}/v1`);
    } finally {
      await sim.stop();
    }
  });

  it('stop() closes open connections and ends stalls and stream delays at once, clearing their timers', async () => {
    const setTimeoutSpy = jest.spyOn(globalThis, 'setTimeout');
    const clearTimeoutSpy = jest.spyOn(globalThis, 'clearTimeout');
    const timerOf = (ms: number) => setTimeoutSpy.mock.results[setTimeoutSpy.mock.calls.findIndex(([, delay]) => delay === ms)]?.value;
    const sim = await OpenAiSimulator.start({ streamChunkDelayMs: 60_000 });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL, maxRetries: 0, logLevel: 'off', timeout: 30_000 });
    try {
      sim.enqueueFaults({ kind: 'stall' });
      const stalled = client.responses.create({ model: 'gpt-4o', input: 'x' }).then(
        () => 'answered',
        (error: unknown) => (error as Error).constructor.name,
      );
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true });
      const iterator = stream[Symbol.asyncIterator]();
      await iterator.next();
      const rest = iterator.next().then(
        () => 'chunk',
        () => 'broken',
      );
      await waitUntil(() => timerOf(120_000) !== undefined && timerOf(60_000) !== undefined);

      const started = Date.now();
      await sim.stop();
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(await stalled).toBe('APIConnectionError');
      expect(await rest).toBe('broken');
      const cleared = (timer: unknown) => clearTimeoutSpy.mock.calls.some(([handle]) => handle === timer);
      expect(cleared(timerOf(120_000))).toBe(true);
      expect(cleared(timerOf(60_000))).toBe(true);
      await expect(fetch(`${sim.baseURL}/responses`, { method: 'POST', body: '{}' })).rejects.toThrow();
    } finally {
      setTimeoutSpy.mockRestore();
      clearTimeoutSpy.mockRestore();
      await sim.stop();
    }
  });

  it('stop() can be called twice', async () => {
    const sim = await OpenAiSimulator.start();
    await sim.stop();
    await expect(sim.stop()).resolves.toBeUndefined();
  });

  it('rejects start() when the port is taken', async () => {
    const sim = await OpenAiSimulator.start();
    try {
      await expect(OpenAiSimulator.start({ port: sim.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await sim.stop();
    }
  });

  describe('with a running simulator', () => {
    let sim: OpenAiSimulator;
    let client: OpenAI;

    beforeAll(async () => {
      sim = await OpenAiSimulator.start({ cachedInputRatio: 0.5 });
      client = new OpenAI({ apiKey: 'sk-secret-value', baseURL: sim.baseURL, maxRetries: 0, logLevel: 'off' });
    });
    afterEach(() => sim.reset());
    afterAll(() => sim.stop());

    it('records path, requested model, stream flag, retry count and whether auth was sent, never its value', async () => {
      await client.responses.create({ model: 'gpt-4o-mini', input: 'x' });
      const stream = await client.chat.completions.create({
        model: 'o3',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      });
      for await (const _chunk of stream) {
        // drain
      }
      await fetch(`${sim.baseURL}/responses`, { method: 'POST', body: 'not json' });

      expect(sim.requestCount).toBe(3);
      expect(sim.requests).toEqual([
        { path: '/v1/responses', model: 'gpt-4o-mini', stream: false, retryCount: '0', authorization: true, at: expect.any(Number) },
        { path: '/v1/chat/completions', model: 'o3', stream: true, retryCount: '0', authorization: true, at: expect.any(Number) },
        { path: '/v1/responses', model: undefined, stream: false, retryCount: undefined, authorization: false, at: expect.any(Number) },
      ]);
      expect(JSON.stringify(sim.requests)).not.toContain('sk-secret-value');
    });

    it('reset() clears requests, counters and queued faults, and restores the start options', async () => {
      sim.configure({ cachedInputRatio: 0, permanentFaultRate: 1 });
      sim.enqueueFaults({ kind: 'drop' });
      await client.responses.create({ model: 'gpt-4o', input: 'x' }).catch(() => undefined);

      sim.reset();
      expect(sim.requestCount).toBe(0);
      expect(sim.requests).toEqual([]);
      const { usage } = await client.responses.create({ model: 'gpt-4o', input: 'a'.repeat(40) });
      expect(usage?.input_tokens_details.cached_tokens).toBe(5);
    });

    it('configure() validates values and refuses host/port changes', () => {
      expect(() => sim.configure({ transientFaultRate: 1.5 })).toThrow(/transientFaultRate/);
      expect(() => sim.configure({ latencyMs: -1 })).toThrow(/latencyMs/);
      expect(() => sim.configure({ rateLimit: { requests: 0, tokens: 1 } })).toThrow(/rateLimit/);
      expect(() => sim.configure({ port: 1 })).toThrow(/host and port/);
    });

    it('rejects invalid start options', async () => {
      await expect(OpenAiSimulator.start({ cachedInputRatio: 2 })).rejects.toThrow(/cachedInputRatio/);
    });
  });
});

describe('RequestLog', () => {
  it('keeps only the most recent entries, oldest first', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 5; i++) {
      log.add({ path: `/v1/${i}`, model: undefined, stream: false, retryCount: undefined, authorization: false, at: i });
    }
    expect(log.toArray().map((r) => r.at)).toEqual([3, 4, 5]);
    log.clear();
    expect(log.toArray()).toEqual([]);
  });
});
