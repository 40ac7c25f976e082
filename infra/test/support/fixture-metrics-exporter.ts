import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFixtureRegistry } from './fixture-metrics-registry';

export interface FixtureExporter {
  /** host:port to put in a scrape config. */
  target: string;
  /** Successful scrapes so far. */
  scrapes(): number;
  close(): Promise<void>;
}

export interface FixtureExporterOptions {
  /** When set, scrapes without `Authorization: Bearer <token>` get a 401, like the ai service with METRICS_TOKEN. */
  bearerToken?: string;
}

/** Serves the fixture metrics on 127.0.0.1 at /metrics; every scrape first records one more round of calls. */
export async function startFixtureExporter(options: FixtureExporterOptions = {}): Promise<FixtureExporter> {
  const { registry, advance } = createFixtureRegistry();
  let scrapes = 0;
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    if (options.bearerToken !== undefined && request.headers.authorization !== `Bearer ${options.bearerToken}`) {
      response.writeHead(401).end('metrics token required');
      return;
    }
    scrapes += 1;
    advance();
    registry
      .metrics()
      .then((body) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(body))
      .catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    scrapes: () => scrapes,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
