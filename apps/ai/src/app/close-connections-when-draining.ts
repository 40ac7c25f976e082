import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Returns the switch that starts draining: from then on every answer not yet sent carries
 * `Connection: close`. Otherwise a keep-alive client reuses a socket the server is about to close,
 * and the request it already sent is reset, which a client cannot safely retry; on a new connection
 * it is refused instead, before anything was sent.
 */
export function closeConnectionsWhenDraining(server: Server): () => void {
  const unanswered = new Set<ServerResponse>();
  let draining = false;
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (draining) {
      response.setHeader('Connection', 'close');
      return;
    }
    unanswered.add(response);
    response.once('close', () => unanswered.delete(response));
  });
  return () => {
    draining = true;
    for (const response of unanswered) if (!response.headersSent) response.setHeader('Connection', 'close');
  };
}
