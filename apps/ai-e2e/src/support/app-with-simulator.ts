import { type AiAppProcess, aiAppEnv, startAiApp, startAppWithSimulator, stopAppWithSimulator } from '@openai-monitoring/ai-app-testing';
import { OpenAiSimulator, type SimulatorOptions } from '@openai-monitoring/openai-simulator';

type AppEnv = Record<string, string>;

/**
 * `OPENAI_TIMEOUT_MS` for suites that make the simulator stall: short, so that stalls time out
 * quickly, yet far above an ordinary answer on a loaded two-core CI machine (at 250 ms a slow
 * ordinary attempt could time out too and change the attempts a test counts).
 */
export const STALL_TIMEOUT_MS = '1000';

export interface SuiteSetup {
  simulator?: SimulatorOptions;
  /** The app's environment on top of the test defaults; a function is called when the app starts. */
  env?: AppEnv | (() => AppEnv);
  /** Start the app in `beforeAll`. Default true; false: tests call `startApp`. */
  startApp?: boolean;
  /** `simulator.reset()` before each test. Default true. */
  resetEach?: boolean;
  /** Expect after each test that no request reached the simulator (routes that must never call OpenAI). */
  noUpstreamCalls?: boolean;
}

export interface SuiteAppWithSimulator {
  readonly simulator: OpenAiSimulator;
  readonly app: AiAppProcess;
  /** Stops the running app, if any, and starts one with `env` on top of the suite's. */
  startApp(env?: AppEnv): Promise<AiAppProcess>;
}

/**
 * The prelude of a describe block that drives the built app against the simulator: starts both in
 * `beforeAll` (or only the simulator), resets the simulator before each test, optionally checks that no
 * request went upstream, and stops both in `afterAll`, the app first. Call it inside `describe`.
 */
export function useAppWithSimulator(setup: SuiteSetup = {}): SuiteAppWithSimulator {
  const { startApp = true, resetEach = true, noUpstreamCalls = false } = setup;
  const envOf = (extra: AppEnv = {}) => ({ ...(typeof setup.env === 'function' ? setup.env() : setup.env), ...extra });
  let simulator: OpenAiSimulator | undefined;
  let app: AiAppProcess | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not running: use it inside a test, after useAppWithSimulator's beforeAll`);
    return value;
  };

  beforeAll(async () => {
    if (startApp) ({ simulator, app } = await startAppWithSimulator(setup.simulator, envOf()));
    else simulator = await OpenAiSimulator.start(setup.simulator);
  });
  if (resetEach) beforeEach(() => simulator?.reset());
  if (noUpstreamCalls) afterEach(() => expect(simulator?.requestCount).toBe(0));
  afterAll(() => stopAppWithSimulator({ app, simulator }));

  return {
    get simulator() {
      return started(simulator, 'simulator');
    },
    get app() {
      return started(app, 'app');
    },
    async startApp(env) {
      await app?.stop();
      app = undefined;
      app = await startAiApp(aiAppEnv(started(simulator, 'simulator').baseURL, envOf(env)));
      return app;
    },
  };
}
