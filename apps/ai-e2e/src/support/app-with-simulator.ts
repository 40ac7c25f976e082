import { type AiAppProcess, aiAppEnv, startAiApp } from '@openai-monitoring/ai-app-testing';
import { OpenAiSimulator, type SimulatorOptions } from '@openai-monitoring/openai-simulator';

export interface AppWithSimulator {
  simulator: OpenAiSimulator;
  app: AiAppProcess;
}

/** A simulator, and the built app talking to it with `env` on top of the test defaults. */
export async function startAppWithSimulator(
  simulatorOptions: SimulatorOptions = {},
  env: Record<string, string> = {},
): Promise<AppWithSimulator> {
  const simulator = await OpenAiSimulator.start(simulatorOptions);
  try {
    return { simulator, app: await startAiApp(aiAppEnv(simulator.baseURL, env)) };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}

/** Stops what a suite started, the app first so that it drains against a live simulator. */
export async function stopAppWithSimulator(running: Partial<AppWithSimulator>): Promise<void> {
  await running.app?.stop();
  await running.simulator?.stop();
}
