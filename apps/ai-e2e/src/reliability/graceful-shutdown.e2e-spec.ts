import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { ScrapedMetrics } from '../support/scraped-metrics';
import { type AiAnswer, postJson } from '@openai-monitoring/ai-app-testing';
import { AI_ROUTES } from './support/routes';
import { useAppWithSimulator } from '../support/app-with-simulator';

const IN_FLIGHT = 50;
const UPSTREAM_LATENCY_MS = 1500;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Opens fresh TCP connections until one is refused; resolves with the error code that ended the attempts.
 * A connection still in the listen backlog when the listener closes is reset by the kernel
 * (ECONNRESET): it raced the close and was never served, so the next attempt tells whether the port
 * now refuses.
 */
async function connectUntilRefused(port: number, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    if (outcome !== 'connected' && outcome !== 'ECONNRESET') return outcome;
    if (Date.now() > deadline) throw new Error('the server still accepted connections');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** POSTs a summary through `agent`; resolves with the status and Connection header, or the socket error code. */
function summarizeVia(agent: Agent, port: number): Promise<{ status?: number; connection?: string; error?: string }> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ text: 'queued behind another request' });
    const headers = { Authorization: `Bearer ${AI_APP_TEST_KEY}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    const call = httpRequest({ host: '127.0.0.1', port, path: '/v1/summaries', method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, connection: response.headers.connection }));
    });
    call.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
    call.end(body);
  });
}

/** A whole answer: the stream reached [DONE], or the JSON carries the result. */
function isComplete(capability: string, text: string): boolean {
  if (capability === 'chat') return text.endsWith('data: [DONE]\n\n');
  const body = JSON.parse(text) as Record<string, unknown>;
  return capability === 'summaries' ? typeof body['summary'] === 'string' : typeof body['label'] === 'string';
}

describe('graceful shutdown on SIGTERM', () => {
  // Each test starts its own app and signals it; startApp stops the previous one if a test left it running.
  const suite = useAppWithSimulator({ simulator: { latencyMs: UPSTREAM_LATENCY_MS }, env: { OPENAI_TIMEOUT_MS: '10000' }, startApp: false });

  it(`refuses new connections, completes ${IN_FLIGHT} in-flight requests, records them, and exits 0 within 10 s`, async () => {
    const running = await suite.startApp({ OPENAI_SHUTDOWN_GRACE_MS: '10000' });
    let settled = 0;
    const requests = Array.from({ length: IN_FLIGHT }, (_, i) => {
      const route = AI_ROUTES[i % AI_ROUTES.length];
      return postJson(running.url, route.path, route.body).finally(() => settled++);
    });
    await waitFor(() => suite.simulator.requestCount === IN_FLIGHT, `${IN_FLIGHT} requests to reach the simulator`);
    const beforeSignal = await ScrapedMetrics.of(running.url);
    expect(beforeSignal.value('openai_api_in_flight')).toBe(IN_FLIGHT);
    expect(beforeSignal.value('openai_api_requests_total')).toBe(0);

    const signalledAt = Date.now();
    running.child.kill('SIGTERM');
    expect(await connectUntilRefused(running.port)).toBe('ECONNREFUSED');
    expect(settled).toBe(0);

    const answers: AiAnswer[] = await Promise.all(requests);
    const exitCode = await running.exited;
    const shutdownMs = Date.now() - signalledAt;

    expect(answers.map((answer) => answer.status)).toEqual(Array(IN_FLIGHT).fill(200));
    answers.forEach((answer, i) => expect(isComplete(AI_ROUTES[i % AI_ROUTES.length].capability, answer.text)).toBe(true));
    // Streamed chat answers included: a connection left open would hold the exit for the keep-alive timeout.
    expect(answers.map((answer) => answer.headers.get('connection'))).toEqual(Array(IN_FLIGHT).fill('close'));
    expect(exitCode).toBe(0);
    expect(shutdownMs).toBeLessThan(10_000);
    expect(suite.simulator.requestCount).toBe(IN_FLIGHT);
    // Read from the registry /metrics serves, after the drain: the in-flight operations were recorded.
    expect(running.output()).toContain(`Drained: ${IN_FLIGHT} successful and 0 failed OpenAI operations recorded since start`);
    console.log(`graceful shutdown: ${IN_FLIGHT} in-flight requests drained and recorded, exit 0 in ${shutdownMs} ms after SIGTERM`);
  }, 30_000);

  it('tells keep-alive clients to reconnect, so a request queued on their connection is refused, never reset', async () => {
    const running = await suite.startApp({ OPENAI_SHUTDOWN_GRACE_MS: '10000' });
    // One pooled connection: the second request waits for the first answer, then reuses the socket.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const inFlight = summarizeVia(agent, running.port);
    const queued = summarizeVia(agent, running.port);
    await waitFor(() => suite.simulator.requestCount === 1, 'the first request to reach the simulator');
    running.child.kill('SIGTERM');

    expect(await inFlight).toEqual({ status: 200, connection: 'close' });
    // Refused: the request was never sent, so any client may safely retry it elsewhere.
    expect(await queued).toEqual({ error: 'ECONNREFUSED' });
    expect(await running.exited).toBe(0);
    expect(suite.simulator.requestCount).toBe(1);
    agent.destroy();
  }, 30_000);

  it('cuts off what still runs after OPENAI_SHUTDOWN_GRACE_MS and exits 1', async () => {
    const running = await suite.startApp({ OPENAI_SHUTDOWN_GRACE_MS: '200' });
    suite.simulator.configure({ latencyMs: 5000 });
    const stuck = postJson(running.url, '/v1/summaries', { text: 'slower than the grace period' }).then(
      () => 'answered',
      () => 'cut off',
    );
    await waitFor(() => suite.simulator.requestCount === 1, 'the request to reach the simulator');

    const signalledAt = Date.now();
    running.child.kill('SIGTERM');
    const exitCode = await running.exited;

    expect(exitCode).toBe(1);
    expect(Date.now() - signalledAt).toBeLessThan(5000);
    expect(await stuck).toBe('cut off');
    expect(running.output()).toContain('Requests still running after 200 ms: exiting anyway');
    expect(running.output()).not.toContain('Drained:');
  }, 30_000);
});
