import { envNumber, envText, type Env, parseEnv } from '@openai-monitoring/env-config';
import { z } from 'zod';
import { simulatorOptionProblem, SimulatorOptions } from './simulator-options';

export const DEFAULT_SIM_PORT = 4010;

/** A number the simulator's own option check accepts; unset leaves the simulator default. */
const option = (key: keyof SimulatorOptions) => envNumber((value) => simulatorOptionProblem(key, value));

const SIM_ENV = z.object({
  SIM_HOST: envText(),
  SIM_PORT: option('port'),
  SIM_LATENCY_MS: option('latencyMs'),
  SIM_LATENCY_JITTER_MS: option('latencyJitterMs'),
  SIM_TRANSIENT_FAULT_RATE: option('transientFaultRate'),
  SIM_PERMANENT_FAULT_RATE: option('permanentFaultRate'),
  SIM_CACHED_INPUT_RATIO: option('cachedInputRatio'),
  SIM_REASONING_RATIO: option('reasoningRatio'),
  SIM_STREAM_CHUNK_DELAY_MS: option('streamChunkDelayMs'),
  SIM_SEED: option('seed'),
});

/**
 * Simulator options from SIM_* variables (SIM_HOST, SIM_PORT (default 4010), SIM_LATENCY_MS, SIM_LATENCY_JITTER_MS,
 * SIM_TRANSIENT_FAULT_RATE, SIM_PERMANENT_FAULT_RATE, SIM_CACHED_INPUT_RATIO, SIM_REASONING_RATIO,
 * SIM_STREAM_CHUNK_DELAY_MS, SIM_SEED). Throws a `ConfigError` naming every invalid variable.
 */
export function simulatorOptionsFromEnv(env: Env): SimulatorOptions {
  const vars = parseEnv(SIM_ENV, env);
  const options: SimulatorOptions = {
    host: vars.SIM_HOST,
    port: vars.SIM_PORT ?? DEFAULT_SIM_PORT,
    latencyMs: vars.SIM_LATENCY_MS,
    latencyJitterMs: vars.SIM_LATENCY_JITTER_MS,
    transientFaultRate: vars.SIM_TRANSIENT_FAULT_RATE,
    permanentFaultRate: vars.SIM_PERMANENT_FAULT_RATE,
    cachedInputRatio: vars.SIM_CACHED_INPUT_RATIO,
    reasoningRatio: vars.SIM_REASONING_RATIO,
    streamChunkDelayMs: vars.SIM_STREAM_CHUNK_DELAY_MS,
    seed: vars.SIM_SEED,
  };
  // Unset variables leave the simulator's defaults: no undefined keys.
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SimulatorOptions;
}
