import OpenAI, { type ClientOptions } from 'openai';
import { OpenAiSimulator } from '../src/lib/openai-simulator';
import type { SimulatorOptions } from '../src/lib/simulator-options';

export interface SimulatorUnderTest {
  readonly sim: OpenAiSimulator;
  /** The official SDK pointed at the simulator, without its own retries. */
  readonly client: OpenAI;
}

/** A describe block's simulator and SDK client: started in beforeAll, reset after each test, stopped in afterAll. */
export function useSimulator(options: SimulatorOptions = {}, clientOptions: ClientOptions = {}): SimulatorUnderTest {
  let sim: OpenAiSimulator | undefined;
  let client: OpenAI | undefined;
  beforeAll(async () => {
    sim = await OpenAiSimulator.start(options);
    client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL, maxRetries: 0, logLevel: 'off', ...clientOptions });
  });
  afterEach(() => sim?.reset());
  afterAll(() => sim?.stop());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the simulator is not running: use it inside a test');
    return value;
  };
  return {
    get sim() {
      return started(sim);
    },
    get client() {
      return started(client);
    },
  };
}
