import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallReport } from '../observation/call-report';

/** A stream body opened inside the operation, as the operation sees it. */
export interface TrackedStream {
  readonly settled: boolean;
  /** Stops the stream of an attempt that is being retried or abandoned. */
  discard(): void;
}

/** Where the calls of one operation report what they used; the recorder's side of an operation. */
export interface OperationSink {
  usage(model: string | undefined, report: CallReport): void;
  timePerOutputToken(model: string | undefined, ms: number): void;
}

/**
 * What the SDK calls inside one logical operation report to it: usage (recorded at once, since
 * OpenAI bills it whatever the outcome), the first content token of a stream, and the stream
 * bodies still open. One per operation, shared by its attempts.
 */
export class OperationContext {
  /** SDK calls that reported usage; when none did, the method's own result is read instead. */
  reportedCalls = 0;
  firstTokenAt: number | undefined;
  streamModel: string | undefined;
  /** Made by the first stream: most operations open none. */
  private streams: TrackedStream[] | undefined;
  private openStreams = 0;
  private streamError: unknown = undefined;
  private onStreamsSettled: ((error: unknown) => void) | undefined;

  constructor(
    readonly startedAt: number,
    readonly sink: OperationSink,
  ) {}

  reportUsage(model: string | undefined, report: CallReport): void {
    this.reportedCalls++;
    this.sink.usage(model, report);
  }

  firstToken(model: string | undefined, at: number): void {
    if (this.firstTokenAt !== undefined && this.firstTokenAt <= at) return;
    this.firstTokenAt = at;
    this.streamModel = model;
  }

  get timeToFirstTokenMs(): number | undefined {
    return this.firstTokenAt === undefined ? undefined : this.firstTokenAt - this.startedAt;
  }

  track(stream: TrackedStream): void {
    (this.streams ??= []).push(stream);
    this.openStreams++;
  }

  get hasOpenStreams(): boolean {
    return this.openStreams > 0;
  }

  /** A failed attempt's streams must not decide the operation's outcome. */
  discardAttempt(): void {
    const streams = this.streams;
    this.streams = undefined;
    this.openStreams = 0;
    this.streamError = undefined;
    this.firstTokenAt = undefined;
    for (const stream of streams ?? []) if (!stream.settled) stream.discard();
  }

  /** Called by each tracked stream exactly once, when it ends, breaks or is abandoned. */
  streamSettled(stream: TrackedStream, error: unknown): void {
    if (!this.streams?.includes(stream)) return;
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

/** Calls `method` on `self` with `args` inside the operation. */
export function runInOperation(context: OperationContext, method: (this: unknown, ...args: unknown[]) => unknown, self: unknown, args: unknown[]): unknown {
  return storage.run(context, () => method.apply(self, args));
}

/** The operation the current call belongs to, if any. */
export function currentOperation(): OperationContext | undefined {
  return storage.getStore();
}
