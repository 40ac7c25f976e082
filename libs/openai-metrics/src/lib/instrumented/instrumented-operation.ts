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
  async run(self: unknown, args: unknown[]): Promise<unknown> {
    const recorder = recorderFor(self);
    if (!recorder) return this.method.apply(self, args);
    const policy = recorder.retryPolicy;
    const run = this.begin(recorder);
    const context = new OperationContext(performance.now(), run);
    for (let attempt = 1; ; attempt++) {
      let result: unknown;
      try {
        result = await runInOperation(context, () => this.method.apply(self, args));
      } catch (error) {
        context.discardAttempt();
        const errorType = classify(recorder, error);
        if (shouldRetry(recorder, policy, error, attempt)) {
          run.retried(errorType);
          await sleep(delayMs(recorder, policy, error, attempt));
          continue;
        }
        run.fail(performance.now() - context.startedAt, errorType, context.timeToFirstTokenMs, context.streamModel);
        throw error;
      }
      if (context.reportedCalls === 0) reportReturnedUsage(run, result);
      context.whenStreamsSettle((error) => {
        const durationMs = performance.now() - context.startedAt;
        if (error === undefined) run.succeed(durationMs, context.timeToFirstTokenMs, context.streamModel);
        else run.fail(durationMs, classify(recorder, error), context.timeToFirstTokenMs, context.streamModel);
      });
      return result;
    }
  }

  private begin(recorder: OpenAiMetricsRecorder): OperationRun {
    if (this.recorder !== recorder || !this.metrics) {
      this.metrics = recorder.operation(this.capability, this.operation);
      this.recorder = recorder;
    }
    return recorder.begin(this.metrics);
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
