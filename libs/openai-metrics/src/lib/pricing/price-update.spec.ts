import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { waitForUpdate, type Provider } from '@pydantic/genai-prices';
import { PriceBook } from './price-book';
import { GENAI_PRICES_VERSION } from './genai-prices-data';
import { installPrices } from './price-update';
import { tokens } from './token-usage.fixture';

const usage = tokens({ input: 1_000_000 });

describe('PriceBook autoUpdate (against a loopback server)', () => {
  let bundled: Provider[];
  let server: Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    bundled = (await waitForUpdate()) as Provider[];
    const updated = structuredClone(bundled);
    const openai = updated.find((provider) => provider.id === 'openai') as Provider;
    const mini = openai.models.find((model) => model.id === 'gpt-4o-mini');
    if (!mini) throw new Error('the bundled data has no gpt-4o-mini');
    mini.prices = { input_mtok: 99, output_mtok: 99 };
    const body = JSON.stringify(updated);
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === '/data.json') {
        response.writeHead(200, { 'content-type': 'application/json', 'last-modified': 'Tue, 01 Jan 2030 00:00:00 GMT' });
        response.end(body);
      } else if (request.url === '/not-json') {
        response.end('<html>');
      } else if (request.url === '/slow') {
        // Never answers: stop() has to end the request.
      } else {
        response.writeHead(500);
        response.end();
      }
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    installPrices(bundled);
    requests.length = 0;
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });

  it('fetches the data once at start and prices with it', async () => {
    const book = new PriceBook({ autoUpdate: true, updateUrl: `${base}/data.json` });
    // Twice: a model priced again and again must not keep its old prices across an update.
    expect(book.tokenCost('gpt-4o-mini', usage)).toBeCloseTo(0.15, 12);
    expect(book.tokenCost('gpt-4o-mini', usage)).toBeCloseTo(0.15, 12);
    await book.start();
    book.stop();
    expect(requests).toEqual(['/data.json']);
    expect(book.tokenCost('gpt-4o-mini', usage)).toBeCloseTo(99, 12);
    expect(book.tokenCost('gpt-4o', usage)).toBeCloseTo(2.5, 12);
    expect(book.updatedAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(book.version).toBe(`${GENAI_PRICES_VERSION}+data.2030-01-01`);
  });

  it.each(['/fails', '/not-json'])('keeps the data in use and logs once when %s cannot be used', async (path) => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const book = new PriceBook({ autoUpdate: true, updateUrl: `${base}${path}` });
    await expect(book.start()).resolves.toBeUndefined();
    book.stop();
    await book.start();
    book.stop();
    expect(requests).toEqual([path, path]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain(`keeping the price data in use (${GENAI_PRICES_VERSION})`);
    expect(book.tokenCost('gpt-4o-mini', usage)).toBeCloseTo(0.15, 12);
    expect(book.version).toBe(GENAI_PRICES_VERSION);
  });

  it('ends an update in flight on stop, silently', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const book = new PriceBook({ autoUpdate: true, updateUrl: `${base}/slow` });
    const started = book.start();
    while (requests.length === 0) await new Promise((tick) => setTimeout(tick, 10));
    book.stop();
    await expect(started).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });
});
