import { OpenAiSimulator, type SimulatorOptions } from '@openai-monitoring/openai-simulator';
import { aiAppEnv } from './ai-app-env';
import { type AiAppProcess, startAiApp } from './ai-app-process';

export interface AppWithSimulator {
  simulator: OpenAiSimulator;
  app: AiAppProcess;
}

export interface AppsWithSimulator {
  simulator: OpenAiSimulator;
  apps: AiAppProcess[];
}

/** A simulator, and the built app talking to it with `env` on top of the test defaults (`aiAppEnv`). */
export async function startAppWithSimulator(simulatorOptions: SimulatorOptions = {}, env: Record<string, string> = {}): Promise<AppWithSimulator> {
  const { simulator, apps } = await startAppsWithSimulator(1, simulatorOptions, env);
  return { simulator, app: apps[0] };
}

/** A simulator and `count` replicas of the built app talking to it, started one after the other (each binds its port first). */
export async function startAppsWithSimulator(
  count: number,
  simulatorOptions: SimulatorOptions = {},
  env: Record<string, string> = {},
): Promise<AppsWithSimulator> {
  const simulator = await OpenAiSimulator.start(simulatorOptions);
  const apps: AiAppProcess[] = [];
  try {
    for (let i = 0; i < count; i++) apps.push(await startAiApp(aiAppEnv(simulator.baseURL, env)));
    return { simulator, apps };
  } catch (error) {
    for (const app of apps) await app.stop();
    await simulator.stop();
    throw error;
  }
}

/** Stops what was started, the app first so that it drains against a live simulator. */
export async function stopAppWithSimulator(running: Partial<AppWithSimulator>): Promise<void> {
  await running.app?.stop();
  await running.simulator?.stop();
}
