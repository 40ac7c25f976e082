/** A named server-sent event, as the Responses API streams them. */
export function sseEvent(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** An unnamed `data:` event, as Chat Completions streams them. */
export function sseData(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Cuts text into a few non-empty pieces (3 to 40, about 16 characters each) for streaming deltas. */
export function splitIntoDeltas(text: string): string[] {
  const count = Math.min(40, Math.max(Math.min(3, text.length), Math.ceil(text.length / 16)));
  const size = Math.ceil(text.length / count);
  const deltas: string[] = [];
  for (let start = 0; start < text.length; start += size) deltas.push(text.slice(start, start + size));
  return deltas;
}
