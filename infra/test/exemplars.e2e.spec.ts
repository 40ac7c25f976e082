import { randomBytes } from 'node:crypto';
import {
  AI_APP_TEST_KEY,
  type AiAppProcess,
  type AppWithSimulator,
  postJson,
  startAppWithSimulator,
  stopAppWithSimulator,
} from '@openai-monitoring/ai-app-testing';
import { type RunningPrometheus, startPrometheus, waitForTargetsUp, waitUntilPrometheusMatchesApps } from './support';

// End to end, all on 127.0.0.1: the built ai app with OPENAI_METRICS_EXEMPLARS=true behind a (pretend) traced
// gateway that sends a W3C traceparent with each request, and a real Prometheus with exemplar storage scraping it
// every second. The exemplars Prometheus returns must carry exactly the trace and span ids the callers sent.
jest.setTimeout(120_000);

interface Trace {
  traceId: string;
  spanId: string;
}

interface StoredExemplar {
  labels: Record<string, string>;
  value: string;
  /** Unix seconds. */
  timestamp: number;
}

interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: StoredExemplar[];
}

const SUMMARY = { text: 'Exemplars link a latency bucket to the trace of one request that landed in it.' };
const CHAT = { messages: [{ role: 'user', content: 'Explain in one sentence what an exemplar is.' }] };
const TRACED_SUMMARIES = 3;

const newTrace = (): Trace => ({ traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') });
const traceparent = ({ traceId, spanId }: Trace) => ({ traceparent: `00-${traceId}-${spanId}-01` });

/** GET /api/v1/query_exemplars over [start, end]. */
async function queryExemplars(url: string, query: string, start: Date, end: Date): Promise<ExemplarSeries[]> {
  const params = new URLSearchParams({ query, start: String(start.getTime() / 1000), end: String(end.getTime() / 1000) });
  const response = await fetch(`${url}/api/v1/query_exemplars?${params}`);
  const body = (await response.json()) as { status: string; data?: ExemplarSeries[]; error?: string };
  if (body.status !== 'success' || !body.data) throw new Error(`query_exemplars ${query} failed: ${body.error ?? response.status}`);
  return body.data;
}

/** One entry per stored exemplar: the operation of its series and the trace it carries. */
function exemplarTraces(series: ExemplarSeries[]): { operation: string; traceId: string; spanId: string }[] {
  return series
    .flatMap(({ seriesLabels, exemplars }) =>
      exemplars.map(({ labels }) => ({
        operation: `${seriesLabels['capability']}/${seriesLabels['operation']}`,
        traceId: labels['trace_id'],
        spanId: labels['span_id'],
      })),
    )
    .sort((a, b) => a.traceId.localeCompare(b.traceId));
}

describe('Prometheus storing the trace exemplars of the real ai app', () => {
  let running: Partial<AppWithSimulator> = {};
  let prometheus: RunningPrometheus | undefined;
  const app = () => running.app as AiAppProcess;
  const url = () => prometheus?.url as string;
  const summaryTraces = Array.from({ length: TRACED_SUMMARIES }, newTrace);
  const chatTrace = newTrace();
  const statuses: number[] = [];
  let chatAnswer = '';
  let start: Date;
  let end: Date;

  /**
   * prom-client keeps the latest exemplar of each bucket only: let Prometheus scrape after every call, so the
   * exemplar of one call is stored before the next replaces it.
   */
  async function callAndWaitForScrape(path: string, body: unknown, headers: Record<string, string>): Promise<string> {
    const answer = await postJson(app().url, path, body, AI_APP_TEST_KEY, headers);
    statuses.push(answer.status);
    await waitUntilPrometheusMatchesApps(url(), [app()], ['openai_api_request_duration_ms_count', 'openai_api_time_to_first_token_ms_count']);
    return answer.text;
  }

  beforeAll(async () => {
    running = await startAppWithSimulator({}, { OPENAI_METRICS_EXEMPLARS: 'true' });
    prometheus = await startPrometheus({ scrapeTargets: [app().target], scrapeIntervalSeconds: 1, features: ['exemplar-storage'] });
    await waitForTargetsUp(prometheus.url, 1);
    start = new Date();
    for (const trace of summaryTraces) await callAndWaitForScrape('/v1/summaries', SUMMARY, traceparent(trace));
    // Not traced: observed without an exemplar, so it neither adds one nor replaces the last.
    await callAndWaitForScrape('/v1/summaries', SUMMARY, {});
    chatAnswer = await callAndWaitForScrape('/v1/chat', CHAT, traceparent(chatTrace));
    end = new Date();
  });

  afterAll(async () => {
    const stopped = await Promise.allSettled([prometheus?.stop()]);
    await stopAppWithSimulator(running);
    if (stopped[0].status === 'rejected') throw stopped[0].reason;
  });

  it('the app answered every call', () => {
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(chatAnswer).toMatch(/data: \[DONE\]/);
  });

  it('/metrics answers OpenMetrics, ending in # EOF, with the exemplars on the bucket lines', async () => {
    const response = await fetch(`${app().url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^application\/openmetrics-text\b.*version=1\.0\.0/);
    const text = await response.text();
    expect(text).toMatch(/\n# EOF\n?$/);
    const lines = text.split('\n');
    expect(lines.some((line) => line.startsWith('openai_api_requests_total{'))).toBe(true);
    const traced = lines.filter((line) => line.startsWith('openai_api_time_to_first_token_ms_bucket{') && line.includes(' # {'));
    expect(traced).toHaveLength(1);
    expect(traced[0]).toContain(`trace_id="${chatTrace.traceId}",span_id="${chatTrace.spanId}"`);
  });

  it('the duration histogram has one exemplar per traced call, carrying the trace and span the caller sent', async () => {
    const series = await queryExemplars(url(), 'openai_api_request_duration_ms_bucket', start, end);
    const expected = [
      ...summaryTraces.map((trace) => ({ operation: 'summaries/summarize', ...trace })),
      { operation: 'chat/stream', ...chatTrace },
    ].sort((a, b) => a.traceId.localeCompare(b.traceId));
    expect(exemplarTraces(series)).toEqual(expected);
    for (const { seriesLabels, exemplars } of series) {
      expect(seriesLabels).toMatchObject({ job: 'ai', environment: 'local', instance: app().target, status: 'success' });
      for (const exemplar of exemplars) {
        // The exemplar is the observed duration, in the bucket of its series.
        expect(Number(exemplar.value)).toBeGreaterThan(0);
        expect(Number(exemplar.value)).toBeLessThanOrEqual(Number(seriesLabels['le']));
        expect(exemplar.timestamp * 1000).toBeGreaterThanOrEqual(start.getTime());
        expect(exemplar.timestamp * 1000).toBeLessThanOrEqual(end.getTime());
      }
    }
  });

  it('the streamed chat gives a time-to-first-token exemplar with its trace', async () => {
    const series = await queryExemplars(url(), 'openai_api_time_to_first_token_ms_bucket', start, end);
    expect(exemplarTraces(series)).toEqual([{ operation: 'chat/stream', ...chatTrace }]);
    expect(series[0].seriesLabels['model']).toBe('gpt-4o-mini');
  });
});
