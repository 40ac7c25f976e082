import { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export function readBody(req: IncomingMessage, onBody: (raw: string) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => onBody(Buffer.concat(chunks).toString('utf8')));
}

export function sendBody(
  res: ServerResponse,
  status: number,
  body: string,
  headers: OutgoingHttpHeaders = {},
  contentType = 'application/json',
): void {
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: OutgoingHttpHeaders): void {
  sendBody(res, status, JSON.stringify(body), headers);
}

/** True when the client went away (or stop() closed the connection): nothing more can be written. */
export function isGone(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded;
}
