'use strict';
// Starts the library's Nest module on its own (no HTTP server), as an app would import it.
const { loadLibrary } = require('./common.cjs');

async function startOurModule(options = {}) {
  const { NestFactory } = require('@nestjs/core');
  const lib = loadLibrary();
  const app = await NestFactory.createApplicationContext(
    lib.OpenAiMetricsModule.forRoot({ metricsPath: false, defaultMetrics: false, ...options }),
    { logger: false },
  );
  return { lib, app, recorder: app.get(lib.OpenAiMetricsRecorder) };
}

/** Exposition lines that are samples (what Prometheus counts as series), not comments. */
function countSeries(text) {
  let n = 0;
  for (const line of text.split('\n')) if (line && line[0] !== '#') n++;
  return n;
}

module.exports = { startOurModule, countSeries };
