/** The consumer stopped reading a stream before it ended. */
export class StreamAbandonedError extends Error {
  constructor() {
    super('The stream was abandoned by its consumer before it ended');
    this.name = 'AbortError';
  }
}
