import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { OperationContext, runInOperation } from '../context/operation-context';
import { classifyOpenAiError, type OpenAiErrorType } from '../errors/error-type';
import { withoutSnapshotDate } from '../observation/model-name';
import type { OpenAiMetricsRecorder } from '../recorder/openai-metrics.recorder';
import type { OperationMetrics } from '../recorder/operation-metrics';
import type { OperationRun } from '../recorder/operation-run';
import type { RetryPolicy } from '../retry/retry-policy';
import { readField, readTokenUsage } from '../usage/token-usage';
import { recorderFor } from './instrumentation-runtime';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** One decorated method: its labels, and its metrics resolved once per recorder. */
export class InstrumentedOperation {
  private recorder: OpenAiMetricsRecorder | undefined;
  private metrics: OperationMetrics | undefined;

  constructor(
    readonly capability: string,
    readonly operation: string,
    private readonly method: Method,
  ) {}

  /**
   * One logical operation: attempts with retries and waits, timed as a whole, ending in exactly one
   * recorded outcome. An SSE body still open when the method returns ends the operation when it ends.
   * The caller always gets exactly what the method returned or threw.
   */
  run(self: unknown, args: unknown[]): Promise<unknown> {
    const recorder = recorderFor(self);
    if (!recorder) {
      try {
        return Promise.resolve(this.method.apply(self, args));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new OperationCall(recorder, this.begin(recorder), this.method, self, args).attempt(1);
  }

  private begin(recorder: OpenAiMetricsRecorder): OperationRun {
    if (this.recorder !== recorder || !this.metrics) {
      this.metrics = recorder.operation(this.capability, this.operation);
      this.recorder = recorder;
    }
    return recorder.begin(this.metrics);
  }
}

/**
 * One operation: the context its SDK calls report to, and its attempts, chained with `then` rather
 * than awaited in an `async` loop (awaiting the SDK's promise subclass costs a thenable job and a
 * promise more per call).
 */
class OperationCall extends OperationContext {
  constructor(
    private readonly recorder: OpenAiMetricsRecorder,
    private readonly run: OperationRun,
    private readonly method: Method,
    private readonly self: unknown,
    private readonly args: unknown[],
  ) {
    super(performance.now(), run);
  }

  attempt(attempt: number): Promise<unknown> {
    let pending: unknown;
    try {
      pending = runInOperation(this, this.method, this.self, this.args);
    } catch (error) {
      pending = Promise.reject(error);
    }
    // A native promise (the SDK's subclass included) is chained on directly; anything else is
    // resolved first, as `await` would, so that a hostile thenable still settles the operation once.
    const settled = pending instanceof Promise ? pending : Promise.resolve(pending);
    return settled.then(
      (result: unknown) => this.succeeded(result),
      (error: unknown) => this.failed(error, attempt),
    );
  }

  private succeeded(result: unknown): unknown {
    const { run } = this;
    if (this.reportedCalls === 0) reportReturnedUsage(run, result);
    // Most operations open no stream: they end here, without the closure `whenStreamsSettle` needs.
    if (!this.hasOpenStreams) {
      run.succeed(performance.now() - this.startedAt, this.timeToFirstTokenMs, this.streamModel);
      return result;
    }
    this.whenStreamsSettle((error) => {
      const durationMs = performance.now() - this.startedAt;
      if (error === undefined) run.succeed(durationMs, this.timeToFirstTokenMs, this.streamModel);
      else run.fail(durationMs, classify(this.recorder, error), this.timeToFirstTokenMs, this.streamModel);
    });
    return result;
  }

  private failed(error: unknown, attempt: number): Promise<unknown> {
    const { recorder, run } = this;
    this.discardAttempt();
    const errorType = classify(recorder, error);
    if (shouldRetry(recorder, recorder.retryPolicy, error, attempt)) {
      run.retried(errorType);
      return sleep(delayMs(recorder, recorder.retryPolicy, error, attempt)).then(() => this.attempt(attempt + 1));
    }
    run.fail(performance.now() - this.startedAt, errorType, this.timeToFirstTokenMs, this.streamModel);
    throw error;
  }
}

function classify(recorder: OpenAiMetricsRecorder, error: unknown): OpenAiErrorType {
  try {
    return classifyOpenAiError(error);
  } catch (failure) {
    recorder.instrumentationError('classify', failure);
    return 'other';
  }
}

function shouldRetry(recorder: OpenAiMetricsRecorder, policy: RetryPolicy, error: unknown, attempt: number): boolean {
  try {
    return policy.shouldRetry(error, attempt);
  } catch (failure) {
    recorder.instrumentationError('retry', failure);
    return false;
  }
}

function delayMs(recorder: OpenAiMetricsRecorder, policy: RetryPolicy, error: unknown, attempt: number): number {
  try {
    return policy.delayMs(error, attempt);
  } catch (failure) {
    recorder.instrumentationError('retry', failure);
    return 0;
  }
}

/** Fallback for methods that called OpenAI some other way: the `usage` and `model` they returned. */
function reportReturnedUsage(run: OperationRun, result: unknown): void {
  if (typeof result !== 'object' || result === null) return;
  const tokens = readTokenUsage(readField(result, 'usage'));
  if (!tokens) return;
  const model = readField(result, 'model');
  run.usage(typeof model === 'string' && model ? withoutSnapshotDate(model) : undefined, { tokens });
}
