import { OpenAiSimulator, type SimulatorOptions } from '@openai-monitoring/openai-simulator';
import { aiAppEnv } from './ai-app-env';
import { type AiAppProcess, startAiApp } from './ai-app-process';

export interface AppWithSimulator {
  simulator: OpenAiSimulator;
  app: AiAppProcess;
}

/** A simulator, and the built app talking to it with `env` on top of the test defaults (`aiAppEnv`). */
export async function startAppWithSimulator(simulatorOptions: SimulatorOptions = {}, env: Record<string, string> = {}): Promise<AppWithSimulator> {
  const simulator = await OpenAiSimulator.start(simulatorOptions);
  try {
    return { simulator, app: await startAiApp(aiAppEnv(simulator.baseURL, env)) };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}

/** Stops what was started, the app first so that it drains against a live simulator. */
export async function stopAppWithSimulator(running: Partial<AppWithSimulator>): Promise<void> {
  await running.app?.stop();
  await running.simulator?.stop();
}
