/** An answer from OpenAI that arrived but cannot be used: not JSON, or not the requested shape. */
export class OpenAiResponseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OpenAiResponseError';
  }
}
