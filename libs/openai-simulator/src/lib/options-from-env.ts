import { DEFAULT_SIMULATOR_OPTIONS, resolveSimulatorOptions, SimulatorOptions } from './simulator-options';

const NUMERIC_ENV: Record<string, keyof SimulatorOptions> = {
  SIM_PORT: 'port',
  SIM_LATENCY_MS: 'latencyMs',
  SIM_LATENCY_JITTER_MS: 'latencyJitterMs',
  SIM_TRANSIENT_FAULT_RATE: 'transientFaultRate',
  SIM_PERMANENT_FAULT_RATE: 'permanentFaultRate',
  SIM_CACHED_INPUT_RATIO: 'cachedInputRatio',
  SIM_REASONING_RATIO: 'reasoningRatio',
  SIM_STREAM_CHUNK_DELAY_MS: 'streamChunkDelayMs',
  SIM_SEED: 'seed',
};

export const DEFAULT_SIM_PORT = 4010;

/**
 * Simulator options from SIM_* variables (SIM_HOST, SIM_PORT (default 4010), SIM_LATENCY_MS, SIM_LATENCY_JITTER_MS,
 * SIM_TRANSIENT_FAULT_RATE, SIM_PERMANENT_FAULT_RATE, SIM_CACHED_INPUT_RATIO, SIM_REASONING_RATIO,
 * SIM_STREAM_CHUNK_DELAY_MS, SIM_SEED). Throws an Error naming the variable when a value is invalid.
 */
export function simulatorOptionsFromEnv(env: Record<string, string | undefined>): SimulatorOptions {
  const options: Record<string, unknown> = { port: DEFAULT_SIM_PORT };
  const host = env['SIM_HOST']?.trim();
  if (host) options['host'] = host;
  for (const [name, key] of Object.entries(NUMERIC_ENV)) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
    try {
      resolveSimulatorOptions(DEFAULT_SIMULATOR_OPTIONS, { [key]: value });
    } catch (error) {
      throw new Error(`${name}=${raw} is invalid: ${(error as Error).message}`);
    }
    options[key] = value;
  }
  return options as SimulatorOptions;
}
