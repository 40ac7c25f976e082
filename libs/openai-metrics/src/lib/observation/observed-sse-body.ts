import { performance } from 'node:perf_hooks';
import type { OperationContext, TrackedStream } from '../context/operation-context';
import { StreamAbandonedError } from '../streaming/stream-abandoned.error';
import { streamFailure } from '../streaming/stream-failure';
import type { Endpoint } from './endpoint';

const now = (): number => performance.now();

type ReadableStreamReadResult = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
import { withoutSnapshotDate } from './model-name';
import { SseUsageScanner } from './sse-usage.scanner';

/**
 * An SSE body between the network and the SDK: the bytes pass unchanged, the scanner reads usage
 * and content times from them, and the operation learns when the body ends, breaks or is left.
 * Its first chunk is read before the SDK sees the response, so a failure before it is an ordinary
 * failed attempt that the operation can retry.
 */
export class ObservedSseBody implements TrackedStream {
  settled = false;
  readonly stream: ReadableStream<Uint8Array>;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly scanner: SseUsageScanner;
  private primed: ReadableStreamReadResult | undefined;
  private readonly onAbort = (): void => this.settle(new StreamAbandonedError());

  constructor(
    source: ReadableStream<Uint8Array>,
    endpoint: Endpoint,
    private readonly model: string | undefined,
    private readonly context: OperationContext,
    private readonly signal: AbortSignal | null | undefined,
    private readonly onError: (error: unknown) => void,
  ) {
    this.reader = source.getReader();
    this.scanner = new SseUsageScanner(endpoint, now);
    this.stream = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => this.pull(controller),
        cancel: (reason) => {
          this.settle(new StreamAbandonedError());
          return this.reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** Reads the first chunk; rejects with the transport's error when there is none to read. */
  async prime(): Promise<void> {
    this.primed = await this.reader.read();
    this.scan(this.primed);
    this.context.track(this);
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (this.signal?.aborted) this.onAbort();
  }

  discard(): void {
    if (this.settled) return;
    this.settle(new StreamAbandonedError());
    this.reader.cancel().catch(() => undefined);
  }

  private async pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    let result = this.primed;
    this.primed = undefined;
    if (result === undefined) {
      try {
        result = await this.reader.read();
      } catch (error) {
        this.settle(streamFailure(error));
        controller.error(error);
        return;
      }
      this.scan(result);
    }
    if (result.done) {
      this.settle(this.signal?.aborted ? new StreamAbandonedError() : undefined);
      controller.close();
    } else {
      controller.enqueue(result.value);
    }
  }

  private scan(result: ReadableStreamReadResult): void {
    if (result.done || this.settled) return;
    try {
      this.scanner.push(result.value);
    } catch (error) {
      this.onError(error);
    }
  }

  private settle(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    try {
      this.report();
    } catch (failure) {
      this.onError(failure);
    }
    this.context.streamSettled(this, error);
  }

  /** Usage counts whatever the ending: OpenAI bills the tokens of a stream its consumer left after the usage event. */
  private report(): void {
    const scanner = this.scanner;
    scanner.end();
    const report = scanner.report;
    const model = this.model ?? (report?.responseModel ? withoutSnapshotDate(report.responseModel) : undefined);
    if (report) this.context.reportUsage(model, report);
    if (scanner.firstContentAt !== undefined) this.context.firstToken(model, scanner.firstContentAt);
    const output = report?.tokens?.output ?? 0;
    if (scanner.firstContentAt !== undefined && scanner.lastContentAt !== undefined && output >= 2) {
      this.context.sink.timePerOutputToken(model, (scanner.lastContentAt - scanner.firstContentAt) / (output - 1));
    }
  }
}
