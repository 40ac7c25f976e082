import { performance } from 'node:perf_hooks';
import { Stream } from 'openai/core/streaming';
import type { OperationContext, TrackedStream } from '../context/operation-context';
import { StreamAbandonedError } from './stream-abandoned.error';
import { streamFailure } from './stream-failure';
import { hasContent, streamUsage, type StreamKind } from './stream-events';

/**
 * Wraps an SDK stream so the operation sees its first token, its usage and its end, while the
 * caller iterates an ordinary `Stream` (same type, same controller).
 */
export class StreamObservation<T> implements TrackedStream {
  readonly stream: Stream<T>;
  settled = false;
  private iterator: AsyncIterator<T> | undefined;
  private primed: IteratorResult<T> | undefined;

  constructor(
    private readonly source: Stream<T>,
    private readonly context: OperationContext,
    private readonly kind: StreamKind,
    private readonly model: string | undefined,
  ) {
    this.stream = new Stream<T>(() => this.iterate(), source.controller);
    context.track(this);
  }

  owns(value: unknown): boolean {
    return value === this.stream;
  }

  async prime(): Promise<void> {
    if (this.primed !== undefined || this.settled) return;
    try {
      this.primed = await this.next();
    } catch (error) {
      this.settle(error);
      throw error;
    }
  }

  discard(): void {
    if (this.settled) return;
    this.settled = true;
    this.source.controller.abort();
  }

  private async next(): Promise<IteratorResult<T>> {
    this.iterator ??= this.source[Symbol.asyncIterator]();
    let result: IteratorResult<T>;
    try {
      result = await this.iterator.next();
    } catch (error) {
      throw streamFailure(error);
    }
    if (!result.done) this.observe(result.value);
    return result;
  }

  private observe(item: T): void {
    if (this.context.firstTokenAt === undefined && hasContent(this.kind, item)) {
      this.context.firstToken(this.model, performance.now());
    }
    const usage = streamUsage(this.kind, item);
    if (usage) this.context.addUsage(this.model, usage);
  }

  private async *iterate(): AsyncGenerator<T, void, undefined> {
    let ended = false;
    try {
      let result = this.primed ?? (await this.next());
      this.primed = undefined;
      while (!result.done) {
        yield result.value;
        result = await this.next();
      }
      ended = true;
      // The SDK ends a stream quietly when its controller is aborted; that is the consumer leaving.
      this.settle(this.source.controller.signal.aborted ? new StreamAbandonedError() : undefined);
    } catch (error) {
      ended = true;
      this.settle(error);
      throw error;
    } finally {
      if (!ended) {
        // The consumer left early (break, return, throw in its loop body): release the connection.
        this.settle(new StreamAbandonedError());
        await this.iterator?.return?.();
      }
    }
  }

  private settle(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.context.streamSettled(error);
  }
}
