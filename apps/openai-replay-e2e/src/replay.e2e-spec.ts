import OpenAI from 'openai';
import { outcomeOf } from './support/call-outcome';
import { CORPUS_MISSING, corpusIndex, corpusPresent, nameOf, readRecording } from './support/corpus';
import { expectedSeries } from './support/expected-series';
import { scrapedSeries } from './support/metric-series';
import { CAPABILITY, MAX_ATTEMPTS, startReplayApp } from './support/replay-app';
import { drain, endpointOf, modesOf, perform } from './support/replay-call';
import { ReplayServer } from './support/replay-server';

describe('the built library on real OpenAI traffic (../shared/real-openai)', () => {
  if (!corpusPresent()) {
    it('has the recorded corpus', () => {
      throw new Error(CORPUS_MISSING);
    });
    return;
  }

  const index = corpusIndex();
  let server: ReplayServer;
  let sdk: OpenAI;

  beforeAll(async () => {
    server = await ReplayServer.start();
    // The SDK on its own, for what each call returns or throws without the library.
    sdk = new OpenAI({ apiKey: 'sk-replay', baseURL: server.baseURL, maxRetries: 0 });
  });

  afterAll(() => server?.stop());

  it('replays all 85 recordings of the corpus', () => {
    expect(index).toHaveLength(85);
  });

  for (const entry of index) {
    for (const mode of modesOf(entry)) {
      it(`${nameOf(entry)} (${mode})`, async () => {
        const endpoint = endpointOf(entry);
        if (!endpoint) throw new Error(`${entry.method} ${entry.path}: no way to make this call yet`);
        const recording = readRecording(entry);
        const expected = expectedSeries(recording, endpoint, CAPABILITY, MAX_ATTEMPTS);

        server.load(recording);
        const plain = await outcomeOf(async () => {
          const answer = await perform(sdk, recording, endpoint, mode);
          return mode === 'returned' ? drain(answer) : answer;
        });
        expect({ mismatches: server.mismatches, attempts: server.attempts }).toEqual({ mismatches: [], attempts: 1 });
        if (!expected.success) expect(plain).toEqual({ error: expect.objectContaining({ status: recording.response.status }) });

        const app = await startReplayApp(server.baseURL);
        try {
          server.load(recording);
          const instrumented = await outcomeOf(async () => {
            const answer = await app.calls[endpoint](recording, mode);
            return mode === 'returned' ? drain(answer) : answer;
          });
          expect({ mismatches: server.mismatches, attempts: server.attempts, series: await scrapedSeries() }).toEqual({
            mismatches: [],
            attempts: expected.attempts,
            series: expected.series,
          });
          expect(instrumented).toEqual(plain);
          if (mode === 'create' && expected.success && expected.usage) {
            expect(instrumented).toEqual({ value: expect.objectContaining({ usage: expected.usage }) });
          }
        } finally {
          await app.close();
        }
      });
    }
  }
});
