import { readTokenUsage, type TokenUsage } from '../usage/token-usage';

export type StreamKind = 'chat' | 'responses';

interface ChatChunkLike {
  choices?: Array<{ delta?: { content?: string | null } }>;
  usage?: unknown;
}

interface ResponseEventLike {
  type?: string;
  delta?: string;
  response?: { usage?: unknown };
}

/** Whether a chunk carries the first visible content (not the opening role chunk). */
export function hasContent(kind: StreamKind, item: unknown): boolean {
  if (kind === 'responses') {
    const event = item as ResponseEventLike;
    return event?.type === 'response.output_text.delta' && typeof event.delta === 'string' && event.delta.length > 0;
  }
  const choices = (item as ChatChunkLike)?.choices;
  if (!Array.isArray(choices)) return false;
  for (const choice of choices) {
    const content = choice?.delta?.content;
    if (typeof content === 'string' && content.length > 0) return true;
  }
  return false;
}

/** The usage a stream reports at its end: chat's last chunk, or the Responses `response.completed` event. */
export function streamUsage(kind: StreamKind, item: unknown): TokenUsage | undefined {
  if (kind === 'responses') {
    const event = item as ResponseEventLike;
    return event?.type === 'response.completed' ? readTokenUsage(event.response?.usage) : undefined;
  }
  const usage = (item as ChatChunkLike)?.usage;
  return usage ? readTokenUsage(usage) : undefined;
}
