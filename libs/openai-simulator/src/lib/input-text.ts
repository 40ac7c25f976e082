/** Concatenates the text a request sends to the model, in order; see estimateTokens for how it is counted. */
export function responsesInputText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof body['instructions'] === 'string') parts.push(body['instructions']);
  collect(body['input'], parts);
  return parts.join('');
}

export function chatInputText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const messages = body['messages'];
  if (Array.isArray(messages)) {
    for (const message of messages) {
      if (typeof message === 'object' && message !== null) {
        collect((message as Record<string, unknown>)['content'], parts);
      }
    }
  }
  return parts.join('');
}

function collect(value: unknown, parts: string[]): void {
  if (typeof value === 'string') {
    parts.push(value);
    return;
  }
  if (!Array.isArray(value)) return;
  for (const item of value) {
    if (typeof item === 'string') {
      parts.push(item);
    } else if (typeof item === 'object' && item !== null) {
      const record = item as Record<string, unknown>;
      if (typeof record['text'] === 'string') parts.push(record['text']);
      else if (typeof record['output'] === 'string') parts.push(record['output']);
      else collect(record['content'], parts);
    }
  }
}
