import { readField, readTokenUsage } from '../usage/token-usage';
import type { CallReport } from './call-report';
import type { Endpoint } from './endpoint';

const USAGE = /"usage":\s*\{/;
const CHAT_CONTENT = /"content":\s*"[^"]/;
const TEXT_CONTENT = /"text":\s*"[^"]/;
const DELTA_CONTENT = /"delta":\s*"[^"]/;
const RESPONSE_TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Reads an SSE body as it passes to the SDK, without parsing every event: a cheap test per line
 * finds content (for time to first token) and the few events that carry usage, and only those are
 * parsed. The last usage seen wins (chat's final chunk, a Responses terminal event, a streamed
 * transcription's `transcript.text.done`).
 */
export class SseUsageScanner {
  firstContentAt: number | undefined;
  lastContentAt: number | undefined;
  report: CallReport | undefined;
  private readonly decoder = new TextDecoder();
  private partial = '';

  constructor(
    private readonly endpoint: Endpoint,
    private readonly now: () => number,
  ) {}

  push(chunk: Uint8Array): void {
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      this.line(text, start, end);
      start = end + 1;
    }
    this.partial = start === 0 ? text : text.slice(start);
  }

  end(): void {
    const rest = this.partial + this.decoder.decode();
    this.partial = '';
    if (rest.length > 0) this.line(rest, 0, rest.length);
  }

  private line(text: string, start: number, end: number): void {
    if (!text.startsWith('data:', start)) return;
    const data = text.slice(start + 5, end);
    if (this.hasContent(data)) {
      const at = this.now();
      this.firstContentAt ??= at;
      this.lastContentAt = at;
    }
    if (USAGE.test(data)) this.readUsage(data);
  }

  private hasContent(data: string): boolean {
    switch (this.endpoint) {
      case 'chat':
        return CHAT_CONTENT.test(data);
      case 'completions':
        return TEXT_CONTENT.test(data);
      case 'responses':
        return data.includes('"response.output_text.delta"') && DELTA_CONTENT.test(data);
      case 'transcriptions':
        return data.includes('"transcript.text.delta"') && DELTA_CONTENT.test(data);
      default:
        return false;
    }
  }

  private readUsage(data: string): void {
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      return;
    }
    let source: unknown = event;
    if (this.endpoint === 'responses') {
      if (!RESPONSE_TERMINAL.has(readField(event, 'type') as string)) return;
      source = readField(event, 'response');
    } else if (this.endpoint === 'transcriptions' && readField(event, 'type') !== 'transcript.text.done') {
      return;
    }
    const tokens = readTokenUsage(readField(source, 'usage'));
    if (!tokens) return;
    const model = readField(source, 'model');
    const tier = readField(source, 'service_tier');
    this.report = {
      tokens,
      responseModel: typeof model === 'string' && model ? model : undefined,
      serviceTier: typeof tier === 'string' && tier ? tier : undefined,
    };
  }
}
