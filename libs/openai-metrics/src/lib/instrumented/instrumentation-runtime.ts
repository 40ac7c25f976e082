import type { OpenAiMetricsRecorder } from '../recorder/openai-metrics.recorder';

/**
 * Decorators run when a class is defined, long before Nest builds its container, so
 * `@Instrumented` finds the recorder here at call time. `OpenAiMetricsModule` registers it on
 * init and removes it at application shutdown; one module instance per process is active at a time.
 */
let activeRecorder: OpenAiMetricsRecorder | undefined;

export function activateRecorder(recorder: OpenAiMetricsRecorder): void {
  activeRecorder = recorder;
}

export function deactivateRecorder(recorder: OpenAiMetricsRecorder): void {
  if (activeRecorder === recorder) activeRecorder = undefined;
}

export function activeMetricsRecorder(): OpenAiMetricsRecorder | undefined {
  return activeRecorder;
}
