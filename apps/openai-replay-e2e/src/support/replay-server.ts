import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isEventStream, type Recording } from './corpus';

/** They describe the recorded wire form; the stored body may be decompressed or re-indented. */
const WIRE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

function requestedModel(body: string): unknown {
  try {
    return (JSON.parse(body) as { model?: unknown }).model;
  } catch {
    return undefined;
  }
}

export interface ReceivedRequest {
  method: string;
  path: string;
  body: string;
}

/** Answers every request with the loaded recording, as OpenAI sent it, and counts the attempts. */
export class ReplayServer {
  private recording: Recording | undefined;
  readonly received: ReceivedRequest[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<ReplayServer> {
    const server = createServer();
    const replay = new ReplayServer(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void replay.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return replay;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Requests answered since `load`. */
  get attempts(): number {
    return this.received.length;
  }

  /** Requests that are not the recorded one: another method, path or requested model. */
  get mismatches(): string[] {
    return this.received.filter((request) => !this.isRecorded(request)).map((request) => `${request.method} ${request.path} ${request.body.slice(0, 200)}`);
  }

  private isRecorded(request: ReceivedRequest): boolean {
    const recorded = this.recording?.request;
    if (request.method !== recorded?.method || request.path !== recorded.path) return false;
    const model = recorded.body?.['model'];
    return model === undefined || requestedModel(request.body) === model;
  }

  load(recording: Recording): void {
    this.recording = recording;
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { method: req.method ?? '', path: new URL(req.url ?? '/', 'http://replay').pathname, body: Buffer.concat(chunks).toString('utf8') };
    this.received.push(request);
    const recording = this.recording;
    if (!recording || !this.isRecorded(request)) {
      res.writeHead(418, { 'content-type': 'application/json' }).end('{"error":{"message":"not the recorded request"}}');
      return;
    }
    const { status, headers, body } = recording.response;
    res.writeHead(status, Object.fromEntries(Object.entries(headers).filter(([name]) => !WIRE_HEADERS.has(name))));
    if (!isEventStream(recording)) {
      res.end(body);
      return;
    }
    // A stream arrives in pieces that cut events (and characters) apart, as it may from OpenAI.
    const bytes = Buffer.from(body, 'utf8');
    const cuts = [0, Math.floor(bytes.length / 3), Math.floor((bytes.length * 2) / 3)];
    for (const [i, start] of cuts.entries()) {
      await new Promise<void>((resolve) => res.write(bytes.subarray(start, cuts[i + 1]), () => resolve()));
    }
    res.end();
  }
}
