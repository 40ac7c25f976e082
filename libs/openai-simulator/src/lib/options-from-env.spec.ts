import { ConfigError } from '@openai-monitoring/env-config';
import { simulatorOptionsFromEnv } from './options-from-env';

describe('simulatorOptionsFromEnv', () => {
  it('defaults to port 4010 and leaves the other options to the simulator defaults', () => {
    expect(simulatorOptionsFromEnv({})).toEqual({ port: 4010 });
  });

  it('reads every SIM_* variable', () => {
    expect(
      simulatorOptionsFromEnv({
        SIM_HOST: '::1',
        SIM_PORT: '0',
        SIM_LATENCY_MS: '25',
        SIM_LATENCY_JITTER_MS: '5',
        SIM_TRANSIENT_FAULT_RATE: '0.1',
        SIM_PERMANENT_FAULT_RATE: '0.01',
        SIM_CACHED_INPUT_RATIO: '0.5',
        SIM_REASONING_RATIO: '0.3',
        SIM_STREAM_CHUNK_DELAY_MS: '10',
        SIM_SEED: '42',
        UNRELATED: 'x',
      }),
    ).toEqual({
      host: '::1',
      port: 0,
      latencyMs: 25,
      latencyJitterMs: 5,
      transientFaultRate: 0.1,
      permanentFaultRate: 0.01,
      cachedInputRatio: 0.5,
      reasoningRatio: 0.3,
      streamChunkDelayMs: 10,
      seed: 42,
    });
  });

  it('ignores empty values', () => {
    expect(simulatorOptionsFromEnv({ SIM_LATENCY_MS: ' ', SIM_HOST: '' })).toEqual({ port: 4010 });
  });

  it.each([
    [{ SIM_LATENCY_MS: 'fast' }, 'SIM_LATENCY_MS must be a number, got "fast"'],
    [{ SIM_PORT: '70000' }, 'SIM_PORT must be an integer between 0 and 65535, got 70000'],
    [{ SIM_PORT: '80.5' }, 'SIM_PORT must be an integer between 0 and 65535, got 80.5'],
    [{ SIM_TRANSIENT_FAULT_RATE: '1.5' }, 'SIM_TRANSIENT_FAULT_RATE must be a number between 0 and 1, got 1.5'],
    [{ SIM_STREAM_CHUNK_DELAY_MS: '-1' }, 'SIM_STREAM_CHUNK_DELAY_MS must be a number >= 0, got -1'],
    [{ SIM_SEED: '1.5' }, 'SIM_SEED must be an integer, got 1.5'],
    [{ SIM_CACHED_INPUT_RATIO: 'Infinity' }, 'SIM_CACHED_INPUT_RATIO must be a number, got "Infinity"'],
  ])('rejects %p with a ConfigError naming the variable', (env, message) => {
    expect(() => simulatorOptionsFromEnv(env)).toThrow(ConfigError);
    expect(() => simulatorOptionsFromEnv(env)).toThrow(message);
  });

  it('names every invalid variable at once', () => {
    expect(() => simulatorOptionsFromEnv({ SIM_PORT: 'x', SIM_SEED: 'y' })).toThrow('SIM_PORT must be a number, got "x"; SIM_SEED must be a number, got "y"');
  });
});
