import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The body Alertmanager's webhook_config posts (version 4). */
export interface WebhookNotification {
  receiver: string;
  status: 'firing' | 'resolved';
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: {
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations: Record<string, string>;
  }[];
}

export interface ReceivedNotification {
  /** The request path, e.g. /tickets. */
  path: string;
  body: WebhookNotification;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Every notification so far, in arrival order. */
  received(): ReceivedNotification[];
  /** Resolves with the notifications once `done(received)` holds; rejects with what arrived after `timeoutMs`. */
  waitFor(done: (received: ReceivedNotification[]) => boolean, timeoutMs?: number): Promise<ReceivedNotification[]>;
  close(): Promise<void>;
}

/** A loopback HTTP server standing in for a pager or ticket system: it records every POST and answers 200. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedNotification[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'POST') received.push({ path: request.url ?? '', body: JSON.parse(body) as WebhookNotification });
      response.writeHead(request.method === 'POST' ? 200 : 405).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => [...received],
    async waitFor(done, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(received)) {
        if (Date.now() >= deadline) {
          throw new Error(`webhook condition not met after ${timeoutMs} ms; received: ${JSON.stringify(received)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [...received];
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
