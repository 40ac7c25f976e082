import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiRequestHandler } from './api-request-handler';
import { handleControlRequest, SimulatorControl } from './control-api';
import { FaultInjector } from './fault-injector';
import { PendingTimers } from './pending-timers';
import { RecordedRequest } from './recorded-request';
import { RequestIds } from './request-ids';
import { RequestRecorder } from './request-recorder';
import { ResponseWriter } from './response-writer';
import { SeededRandom } from './seeded-random';
import { SimulatedFault } from './simulated-fault';
import {
  DEFAULT_SIMULATOR_OPTIONS,
  resolveSimulatorOptions,
  ResolvedSimulatorOptions,
  SimulatorOptions,
} from './simulator-options';
import { simulatorRouter } from './simulator-router';
import { SimulatorState } from './simulator-state';

/**
 * An OpenAI-compatible HTTP server (Responses, Chat Completions and Embeddings, streaming or not) with
 * deterministic usage (see estimateTokens), x-ratelimit-* headers and injectable faults. See README.md.
 * This class owns the server and the run-time state; routing, faults, answers and writing live in their own files.
 */
export class OpenAiSimulator {
  readonly port: number;
  readonly baseURL: string;

  private readonly state: SimulatorState;
  private readonly recorder = new RequestRecorder();
  private readonly timers = new PendingTimers();
  private readonly faults: FaultInjector;
  private readonly writer: ResponseWriter;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly startOptions: ResolvedSimulatorOptions,
  ) {
    this.state = { options: startOptions, random: new SeededRandom(startOptions.seed) };
    const ids = new RequestIds();
    this.faults = new FaultInjector(this.state);
    this.writer = new ResponseWriter(this.state, this.timers, ids);
    const api = new ApiRequestHandler(this.state, this.recorder, this.faults, this.writer, this.timers, ids);
    const { port } = server.address() as AddressInfo;
    this.port = port;
    const host = startOptions.host.includes(':') ? `[${startOptions.host}]` : startOptions.host;
    this.baseURL = `http://${host}:${port}/v1`;
    server.on(
      'request',
      simulatorRouter({
        api: (req, res, path, raw) => api.handle(req, res, path, raw),
        control: (method, path, raw) => handleControlRequest(this.control, method, path, raw),
      }),
    );
  }

  static async start(options: SimulatorOptions = {}): Promise<OpenAiSimulator> {
    const resolved = resolveSimulatorOptions(DEFAULT_SIMULATOR_OPTIONS, options);
    const server = createServer();
    // Longer than clients' idle timeouts (undici: 4 s), so the client always closes idle sockets first.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: resolved.host, port: resolved.port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new OpenAiSimulator(server, resolved);
  }

  /** Attempts received on /v1/*, oldest first (the last 10,000). */
  get requests(): readonly RecordedRequest[] {
    return this.recorder.requests;
  }

  /** Total attempts received on /v1/* since start or reset(). */
  get requestCount(): number {
    return this.recorder.count;
  }

  /** Changes options at run time; host and port cannot change. Throws a RangeError on invalid values. */
  configure(options: Partial<SimulatorOptions>): void {
    if (options.host !== undefined || options.port !== undefined) {
      throw new RangeError('host and port cannot be changed at run time');
    }
    this.state.options = resolveSimulatorOptions(this.state.options, options);
    if (options.seed !== undefined) this.state.random = new SeededRandom(options.seed);
  }

  /** FIFO: each of the next requests to /v1/* gets one of these faults, before any random fault. */
  enqueueFaults(...faults: SimulatedFault[]): void {
    this.faults.enqueue(faults);
  }

  /** Clears queued faults, recorded requests, counters and rate-limit windows; restores the start options. */
  reset(): void {
    this.faults.clear();
    this.recorder.clear();
    this.writer.clearRateLimits();
    this.state.options = this.startOptions;
    this.state.random = new SeededRandom(this.startOptions.seed);
  }

  /** Closes the server and every connection, and ends pending stalls and delays. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
      this.timers.cancelAll();
    });
    return this.stopping;
  }

  private readonly control: SimulatorControl = {
    enqueueFaults: (faults) => this.faults.enqueue(faults),
    configure: (options) => this.configure(options),
    reset: () => this.reset(),
    stats: () => this.recorder.stats(),
  };
}
