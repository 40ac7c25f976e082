import type { OperationSink } from '../context/operation-context';
import type { OpenAiErrorType } from '../errors/error-type';
import type { CallReport } from '../observation/call-report';
import type { OperationMetrics } from './operation-metrics';
import type { TenantMetrics } from './tenant-metrics';

/** @internal What a run needs of the recorder that started it. */
export interface RunRecorder {
  modelLabel(model: string | undefined): string;
  unpriced(model: string): void;
  instrumentationError(stage: string, error: unknown): void;
}

/**
 * One logical operation being recorded, from `begin` to exactly one `succeed` or `fail`. Every
 * step is isolated: whatever recording throws is counted and logged, never passed to the caller.
 */
export class OperationRun implements OperationSink {
  private ended = false;

  constructor(
    private readonly recorder: RunRecorder | undefined,
    private readonly metrics: OperationMetrics | undefined,
    private readonly tenant: TenantMetrics | undefined,
    private readonly exemplar: Record<string, string> | undefined,
  ) {}

  usage(model: string | undefined, report: CallReport): void {
    if (!this.recorder || !this.metrics) return;
    try {
      const label = this.recorder.modelLabel(model);
      const cost = this.metrics.usage(label, report);
      if (cost === undefined) this.recorder.unpriced(model ?? label);
      this.tenant?.usage(label, report.tokens, cost);
    } catch (error) {
      this.recorder.instrumentationError('usage', error);
    }
  }

  timePerOutputToken(model: string | undefined, ms: number): void {
    if (!this.recorder || !this.metrics) return;
    try {
      this.metrics.timePerOutputToken(this.recorder.modelLabel(model), ms);
    } catch (error) {
      this.recorder.instrumentationError('stream', error);
    }
  }

  retried(errorType: OpenAiErrorType): void {
    if (!this.recorder || !this.metrics) return;
    try {
      this.metrics.retried(errorType);
    } catch (error) {
      this.recorder.instrumentationError('retry', error);
    }
  }

  succeed(durationMs: number, timeToFirstTokenMs?: number, streamModel?: string): void {
    this.end(true, durationMs, undefined, timeToFirstTokenMs, streamModel);
  }

  fail(durationMs: number, errorType: OpenAiErrorType, timeToFirstTokenMs?: number, streamModel?: string): void {
    this.end(false, durationMs, errorType, timeToFirstTokenMs, streamModel);
  }

  private end(
    success: boolean,
    durationMs: number,
    errorType: OpenAiErrorType | undefined,
    timeToFirstTokenMs: number | undefined,
    streamModel: string | undefined,
  ): void {
    const { recorder, metrics } = this;
    if (!recorder || !metrics || this.ended) return;
    this.ended = true;
    try {
      metrics.ended();
      if (success) metrics.succeeded(durationMs, this.exemplar);
      else metrics.failed(durationMs, errorType ?? 'other', this.exemplar);
      this.tenant?.outcome(success);
      if (timeToFirstTokenMs !== undefined) {
        metrics.timeToFirstToken(recorder.modelLabel(streamModel), timeToFirstTokenMs, this.exemplar);
      }
    } catch (error) {
      recorder.instrumentationError('outcome', error);
    }
  }
}

/** The run of an operation while recording is off: it still retries, and records nothing. */
export const UNRECORDED_RUN = new OperationRun(undefined, undefined, undefined, undefined);
