import type { OpenAiMetricsRecorder } from '../recorder/openai-metrics.recorder';

/**
 * How a decorated method finds its recorder. Decorators run when a class is defined, long before
 * Nest builds a container, so the binding happens later: each `OpenAiMetricsModule` binds the
 * provider instances of its own application to its own recorder at init (`bindInstance`). After
 * that application shuts down its instances run unrecorded; they never fall over to another
 * application's recorder, so two applications in one process never share one. An instance outside any container (created with `new`, request-scoped, transient)
 * falls back to the most recently started module still running.
 */
const bound = new WeakMap<object, OpenAiMetricsRecorder>();
const running: OpenAiMetricsRecorder[] = [];

export function bindInstance(instance: object, recorder: OpenAiMetricsRecorder): void {
  bound.set(instance, recorder);
}

export function startRecorder(recorder: OpenAiMetricsRecorder): void {
  if (!running.includes(recorder)) running.push(recorder);
}

export function stopRecorder(recorder: OpenAiMetricsRecorder): void {
  const index = running.indexOf(recorder);
  if (index !== -1) running.splice(index, 1);
}

/** The recorder of the instance's application, else the fallback; undefined when no module runs. */
export function recorderFor(instance: unknown): OpenAiMetricsRecorder | undefined {
  if (typeof instance === 'object' && instance !== null) {
    const recorder = bound.get(instance);
    if (recorder !== undefined) return running.includes(recorder) ? recorder : undefined;
  }
  return running[running.length - 1];
}
