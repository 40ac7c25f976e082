import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import {
  AI_APP_TEST_KEY,
  type AppWithSimulator,
  parseExposition,
  startAppWithSimulator,
  stopAppWithSimulator,
  sumSamples,
} from '@openai-monitoring/ai-app-testing';

const SUCCESS = { capability: 'summaries', operation: 'summarize', status: 'success' };
const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

interface Answer {
  status: number;
  text: string;
  /** The pid of the worker that answered. */
  worker: number;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function workerPids(primary: number): number[] {
  return readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Which of `workers` holds the server side of the loopback connection from `clientPort` to `serverPort` (Linux /proc). */
function serverOf(serverPort: number, clientPort: number, workers: number[]): number {
  const hexPort = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const row = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find(([, local, remote]) => local?.endsWith(`:${hexPort(serverPort)}`) && remote?.endsWith(`:${hexPort(clientPort)}`));
  const socket = `socket:[${row?.[9]}]`;
  const owner = workers.find((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === socket);
    } catch {
      return false;
    }
  });
  if (owner === undefined) throw new Error(`no worker of ${workers.join(', ')} holds the connection from port ${clientPort}`);
  return owner;
}

describe('cluster mode (AI_WORKERS=2)', () => {
  let running: AppWithSimulator;
  let primary: number;

  const log = () => running.app.output().replace(ANSI_COLOR, '');
  const listened = (pid: number) => new RegExp(`\\[Nest\\] ${pid} .*ai service listening on`).test(log());

  /** A request on a new keep-alive connection, so that the connection is still open to find who answered. */
  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const agent = new Agent({ keepAlive: true });
    try {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = { Authorization: `Bearer ${AI_APP_TEST_KEY}`, ...(payload && { 'Content-Type': 'application/json' }) };
      const { status, text, clientPort } = await new Promise<{ status: number; text: string; clientPort: number }>((resolve, reject) => {
        const sent = httpRequest({ host: '127.0.0.1', port: running.app.port, method, path, headers, agent }, (response) => {
          const clientPort = response.socket.localPort ?? 0;
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text, clientPort }));
        });
        sent.on('error', reject);
        sent.end(payload);
      });
      return { status, text, worker: serverOf(running.app.port, clientPort, workerPids(primary)) };
    } finally {
      agent.destroy();
    }
  }

  /** Summaries until every worker in `mustServe` has answered at least `atLeast`; counts the answers per worker. */
  async function summarize(served: Map<number, number>, mustServe: number[], atLeast = 3): Promise<void> {
    const servedBy = (pid: number) => served.get(pid) ?? 0;
    for (let i = 0; mustServe.some((pid) => servedBy(pid) < atLeast); i++) {
      if (i === 60) throw new Error(`60 new connections did not reach every worker: ${JSON.stringify([...served])}`);
      const answer = await call('POST', '/v1/summaries', { text: `cluster mode request ${i}` });
      expect(answer.status).toBe(200);
      served.set(answer.worker, servedBy(answer.worker) + 1);
    }
  }

  /** Scrapes until every current worker has answered /metrics; the successful summaries each one reported. */
  async function scrapeEveryWorker(): Promise<Map<number, { requests: number; durations: number }>> {
    const scraped = new Map<number, { requests: number; durations: number }>();
    for (let i = 0; workerPids(primary).some((pid) => !scraped.has(pid)); i++) {
      if (i === 60) throw new Error('60 scrapes did not reach every worker');
      const answer = await call('GET', '/metrics');
      expect(answer.status).toBe(200);
      const samples = parseExposition(answer.text);
      scraped.set(answer.worker, {
        requests: sumSamples(samples, 'openai_api_requests_total', SUCCESS),
        durations: sumSamples(samples, 'openai_api_request_duration_ms_count', SUCCESS),
      });
    }
    return scraped;
  }

  const total = (served: Map<number, number>) => [...served.values()].reduce((sum, count) => sum + count, 0);

  beforeAll(async () => {
    running = await startAppWithSimulator({}, { AI_WORKERS: '2' });
    primary = running.app.child.pid ?? 0;
    await waitFor(() => workerPids(primary).length === 2 && workerPids(primary).every(listened), 'two listening workers');
  });
  afterAll(() => stopAppWithSimulator(running));

  it('answers /metrics on any worker with both workers\' counts, and a replaced worker loses no other worker\'s counts', async () => {
    const [victim, survivor] = workerPids(primary);
    const served = new Map<number, number>();
    await summarize(served, [victim, survivor]);
    expect([...served.keys()].sort()).toEqual([victim, survivor].sort());
    const before = total(served);
    for (const scrape of (await scrapeEveryWorker()).values()) expect(scrape).toEqual({ requests: before, durations: before });

    process.kill(victim, 'SIGKILL');
    await waitFor(() => !workerPids(primary).includes(victim) && workerPids(primary).length === 2, 'a replacement worker');
    const replacement = workerPids(primary).find((pid) => pid !== survivor) ?? 0;
    await waitFor(() => listened(replacement), 'the replacement to listen');
    expect(log()).toMatch(new RegExp(`worker ${victim} exited \\(SIGKILL\\): starting a replacement`));

    const lost = served.get(victim) ?? 0;
    served.delete(victim);
    await summarize(served, [survivor, replacement]);
    const after = total(served);
    const scrapes = await scrapeEveryWorker();
    expect([...scrapes.keys()].sort()).toEqual([survivor, replacement].sort());
    for (const scrape of scrapes.values()) expect(scrape).toEqual({ requests: after, durations: after });
    // Only the dead worker's own calls are gone; every call did reach OpenAI.
    expect(running.simulator.requestCount).toBe(after + lost);
    expect(lost).toBeGreaterThan(0);
  });

  it('on SIGTERM to the primary, the workers drain and the primary exits 0', async () => {
    const workers = workerPids(primary);
    expect(await running.app.stop()).toBe(0);
    expect(log().match(/Drained: \d+ successful/g)).toHaveLength(workers.length);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
