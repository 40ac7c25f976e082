import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { OperationContext, runInOperation } from '../context/operation-context';
import { classifyOpenAiError } from '../errors/error-type';
import type { CallUsage, OpenAiMetricsRecorder } from '../recorder/openai-metrics.recorder';
import type { OperationMetrics } from '../recorder/operation-metrics';
import { readTokenUsage } from '../usage/token-usage';
import { activeMetricsRecorder } from './instrumentation-runtime';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** One decorated method: its labels, and its metrics resolved once per active recorder. */
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
   * recorded outcome. A returned stream ends the operation when the stream ends.
   */
  async run(self: unknown, args: unknown[]): Promise<unknown> {
    const recorder = activeMetricsRecorder();
    if (!recorder) return this.method.apply(self, args);
    const metrics = this.metricsFor(recorder);
    const policy = recorder.config.retryPolicy;
    const context = new OperationContext(performance.now());
    recorder.begin(metrics);
    for (let attempt = 1; ; attempt++) {
      let result: unknown;
      try {
        result = await runInOperation(context, () => this.method.apply(self, args));
        if (context.hasOpenStreams) await context.primeReturned(result);
      } catch (error) {
        context.discardAttempt();
        if (policy.shouldRetry(error, attempt)) {
          if (recorder.enabled) metrics.retried(classifyOpenAiError(error));
          await sleep(policy.delayMs(error, attempt));
          continue;
        }
        this.fail(recorder, metrics, context, error);
        throw error;
      }
      if (context.hasOpenStreams) {
        context.whenStreamsSettle((error) =>
          error === undefined ? this.succeed(recorder, metrics, context, result) : this.fail(recorder, metrics, context, error),
        );
      } else {
        this.succeed(recorder, metrics, context, result);
      }
      return result;
    }
  }

  private metricsFor(recorder: OpenAiMetricsRecorder): OperationMetrics {
    if (this.recorder !== recorder || !this.metrics) {
      this.metrics = recorder.operation(this.capability, this.operation);
      this.recorder = recorder;
    }
    return this.metrics;
  }

  private succeed(recorder: OpenAiMetricsRecorder, metrics: OperationMetrics, context: OperationContext, result: unknown): void {
    const calls = context.calls.length > 0 ? context.calls : usageOfResult(result);
    recorder.succeed(metrics, performance.now() - context.startedAt, calls, context.timeToFirstTokenMs, context.streamModel);
  }

  private fail(recorder: OpenAiMetricsRecorder, metrics: OperationMetrics, context: OperationContext, error: unknown): void {
    recorder.fail(
      metrics,
      performance.now() - context.startedAt,
      classifyOpenAiError(error),
      context.timeToFirstTokenMs,
      context.streamModel,
    );
  }
}

const NO_CALLS: readonly CallUsage[] = [];

/** Fallback for methods that called OpenAI some other way: the `usage` and `model` they returned. */
function usageOfResult(result: unknown): readonly CallUsage[] {
  if (typeof result !== 'object' || result === null) return NO_CALLS;
  const { usage, model } = result as { usage?: unknown; model?: unknown };
  const tokens = readTokenUsage(usage);
  return tokens ? [{ model: typeof model === 'string' ? model : undefined, usage: tokens }] : NO_CALLS;
}
