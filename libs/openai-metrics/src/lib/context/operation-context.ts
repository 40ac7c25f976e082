import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallUsage } from '../recorder/openai-metrics.recorder';
import type { TokenUsage } from '../usage/token-usage';

/** A stream opened inside the operation, as the operation sees it. */
export interface TrackedStream {
  readonly settled: boolean;
  /** Reads the first chunk ahead, so that a failure before it can still be retried. */
  prime(): Promise<void>;
  /** Stops the stream of an attempt that is being retried or abandoned. */
  discard(): void;
  owns(value: unknown): boolean;
}

/**
 * What the calls inside one logical operation report to it: usage under each requested model,
 * the first content token of a stream, and the streams still open. One per operation, shared by
 * its attempts.
 */
export class OperationContext {
  readonly calls: CallUsage[] = [];
  firstTokenAt: number | undefined;
  streamModel: string | undefined;
  private streams: TrackedStream[] = [];
  private openStreams = 0;
  private streamError: unknown = undefined;
  private onStreamsSettled: ((error: unknown) => void) | undefined;

  constructor(readonly startedAt: number) {}

  addUsage(model: string | undefined, usage: TokenUsage): void {
    this.calls.push({ model, usage });
  }

  firstToken(model: string | undefined, at: number): void {
    if (this.firstTokenAt !== undefined) return;
    this.firstTokenAt = at;
    this.streamModel = model;
  }

  get timeToFirstTokenMs(): number | undefined {
    return this.firstTokenAt === undefined ? undefined : this.firstTokenAt - this.startedAt;
  }

  track(stream: TrackedStream): void {
    this.streams.push(stream);
    this.openStreams++;
  }

  get hasOpenStreams(): boolean {
    return this.openStreams > 0;
  }

  /** Primes the stream the method returned, so that the retry loop sees a failure before its first chunk. */
  async primeReturned(result: unknown): Promise<void> {
    for (const stream of this.streams) {
      if (!stream.settled && stream.owns(result)) await stream.prime();
    }
  }

  /** A failed attempt's streams must not decide the operation's outcome. */
  discardAttempt(): void {
    const streams = this.streams;
    this.streams = [];
    this.openStreams = 0;
    this.streamError = undefined;
    this.firstTokenAt = undefined;
    for (const stream of streams) if (!stream.settled) stream.discard();
  }

  /** Called by each tracked stream exactly once, when it ends, breaks or is abandoned. */
  streamSettled(error: unknown): void {
    if (error !== undefined && this.streamError === undefined) this.streamError = error;
    this.openStreams--;
    if (this.openStreams === 0 && this.onStreamsSettled) {
      const done = this.onStreamsSettled;
      this.onStreamsSettled = undefined;
      done(this.streamError);
    }
  }

  /** Runs `done` once every open stream has settled, with the first stream error if any. */
  whenStreamsSettle(done: (error: unknown) => void): void {
    if (this.openStreams === 0) done(this.streamError);
    else this.onStreamsSettled = done;
  }
}

const storage = new AsyncLocalStorage<OperationContext>();

export function runInOperation<T>(context: OperationContext, work: () => T): T {
  return storage.run(context, work);
}

/** The operation the current call belongs to, if any. */
export function currentOperation(): OperationContext | undefined {
  return storage.getStore();
}
