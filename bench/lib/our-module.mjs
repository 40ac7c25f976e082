// Starts the library's Nest module on its own (no HTTP server), as an app would import it.
import { loadLibrary, require } from './common.mjs';

export async function startOurModule(options = {}) {
  const { NestFactory } = require('@nestjs/core');
  const lib = loadLibrary();
  const app = await NestFactory.createApplicationContext(
    lib.OpenAiMetricsModule.forRoot({ metricsPath: false, defaultMetrics: false, ...options }),
    { logger: false },
  );
  return { lib, app, recorder: app.get(lib.OpenAiMetricsRecorder) };
}
