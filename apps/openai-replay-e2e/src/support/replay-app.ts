import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type OpenAI from 'openai';
import { register } from 'prom-client';
import { library } from './built-library';
import type { Recording } from './corpus';
import { perform, REPLAY_ENDPOINTS, type ReplayEndpoint, type ReplayMode } from './replay-call';

const { Instrumented, OpenAiClientService, OpenAiMetricsModule } = library;

export const CAPABILITY = 'replay';
export const MAX_ATTEMPTS = 2;

type Call = (recording: Recording, mode: ReplayMode) => Promise<unknown>;

/** One `@Instrumented('replay', <endpoint>)` method per endpoint, each making the recorded call through the module's raw SDK client. */
@Injectable()
class ReplayProvider {
  constructor(@Inject(OpenAiClientService) readonly openai: { readonly client: OpenAI }) {}
}

// The methods differ only in their endpoint, so they are written once and decorated as `@Instrumented` would be.
for (const endpoint of REPLAY_ENDPOINTS) {
  const descriptor: PropertyDescriptor = {
    value(this: ReplayProvider, recording: Recording, mode: ReplayMode) {
      return perform(this.openai.client, recording, endpoint, mode);
    },
    writable: true,
    configurable: true,
  };
  Object.defineProperty(ReplayProvider.prototype, endpoint, Instrumented(CAPABILITY, endpoint)(ReplayProvider.prototype, endpoint, descriptor) ?? descriptor);
}

export type ReplayCalls = Readonly<Record<ReplayEndpoint, Call>>;

export interface ReplayApp {
  calls: ReplayCalls;
  close(): Promise<void>;
}

/** A Nest app with the built module, talking to `baseURL`; closing it also clears prom-client's registry. */
export async function startReplayApp(baseURL: string): Promise<ReplayApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      OpenAiMetricsModule.forRoot({
        openai: { apiKey: 'sk-replay', baseURL },
        retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 1, maxDelayMs: 1 },
        // A loopback server is no provider the price database knows: price as OpenAI.
        priceProvider: 'openai',
        defaultMetrics: false,
        metricsPath: false,
      }),
    ],
    providers: [ReplayProvider],
  }).compile();
  await moduleRef.init();
  return {
    calls: moduleRef.get(ReplayProvider) as unknown as ReplayCalls,
    close: async () => {
      await moduleRef.close();
      register.clear();
    },
  };
}
