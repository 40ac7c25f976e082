export { AI_APP_MAIN, WORKSPACE_ROOT } from './lib/workspace-paths';
export { AI_APP_TEST_KEY, aiAppEnv } from './lib/ai-app-env';
export { type AiAppProcess, runAiAppToExit, startAiApp } from './lib/ai-app-process';
export {
  type AppsWithSimulator,
  type AppWithSimulator,
  startAppsWithSimulator,
  startAppWithSimulator,
  stopAppWithSimulator,
} from './lib/app-with-simulator';
export { type AiAnswer, postJson } from './lib/ai-app-client';
export { freePort } from './lib/free-port';
export { type ExposedSample, histogramQuantile, parseExposition, sumSamples } from './lib/prometheus-exposition';
