import cluster, { type Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';
import { AggregatorRegistry, type PrometheusContentType } from 'prom-client';

/** Set by `runClustered` on the workers it forks: only those ask the primary for the aggregate. */
const CLUSTER_WORKER_ENV = 'OPENAI_METRICS_CLUSTER_WORKER';
const METRICS_REQUEST = 'openai-metrics:cluster-metrics-request';
const METRICS_RESPONSE = 'openai-metrics:cluster-metrics-response';
// Longer than prom-client's own 5 s wait for the workers, so that its error arrives first.
const METRICS_TIMEOUT_MS = 10_000;

export interface ClusterOptions {
  /** Worker processes sharing the app's port; 1 runs `worker` in this process, without a cluster. */
  workers: number;
  /** Starts one worker's app. A worker that exits before it listens stops the whole cluster. */
  worker: () => Promise<void>;
}

interface MetricsMessage {
  type: string;
  id: number;
  metrics?: string;
  error?: string;
}

const logger = new Logger('Cluster');

/**
 * Runs `worker` in `workers` `node:cluster` processes sharing one port. The primary replaces a worker
 * that dies, and on SIGTERM or SIGINT passes SIGTERM to every worker, waits for them to drain and
 * exits 0 (1 if one did not exit cleanly). In the workers, `/metrics` answers with the sum of all
 * workers' metrics (see `clusterMetrics`), so one instance stays one scrape target.
 */
export async function runClustered(options: ClusterOptions): Promise<void> {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new Error(`workers must be a whole number of at least 1, got ${options.workers}`);
  }
  if (cluster.isWorker) {
    // Answers prom-client's requests from the primary for this worker's metrics.
    if (isClusterWorker()) new AggregatorRegistry<PrometheusContentType>();
    return options.worker();
  }
  if (options.workers === 1) return options.worker();
  new ClusterPrimary(options.workers).start();
}

/** True in a worker forked by `runClustered`, where `/metrics` must answer with `clusterMetrics()`. */
export function isClusterWorker(): boolean {
  return cluster.isWorker && process.env[CLUSTER_WORKER_ENV] === '1';
}

let nextRequestId = 0;
const pending = new Map<number, { resolve: (metrics: string) => void; reject: (error: Error) => void }>();

/** From a worker: the metrics of all workers, aggregated by the primary, in the Prometheus text format. */
export function clusterMetrics(): Promise<string> {
  if (!isClusterWorker() || !process.send) {
    return Promise.reject(new Error('clusterMetrics() works only in a worker started by runClustered()'));
  }
  if (pending.size === 0) process.on('message', onMetricsResponse);
  const id = nextRequestId++;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => settle(id, { type: METRICS_RESPONSE, id, error: 'the cluster primary did not answer in time' }), METRICS_TIMEOUT_MS);
    pending.set(id, {
      resolve: (metrics) => (clearTimeout(timer), resolve(metrics)),
      reject: (error) => (clearTimeout(timer), reject(error)),
    });
    process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsMessage);
  });
}

function onMetricsResponse(message: unknown): void {
  const response = message as Partial<MetricsMessage> | null;
  if (response?.type === METRICS_RESPONSE && typeof response.id === 'number') settle(response.id, response as MetricsMessage);
}

function settle(id: number, response: MetricsMessage): void {
  const request = pending.get(id);
  if (!request) return;
  pending.delete(id);
  if (pending.size === 0) process.off('message', onMetricsResponse);
  if (response.error !== undefined) request.reject(new Error(`cluster metrics: ${response.error}`));
  else request.resolve(response.metrics ?? '');
}

class ClusterPrimary {
  private readonly aggregator = new AggregatorRegistry<PrometheusContentType>();
  private readonly alive = new Set<Worker>();
  private readonly listening = new Set<Worker>();
  private stopping = false;
  private exitCode = 0;

  constructor(private readonly workers: number) {}

  start(): void {
    cluster.on('exit', (worker, code, signal) => this.onExit(worker, code, signal));
    cluster.on('message', (worker, message) => this.onMessage(worker, message));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => this.stop(signal));
    for (let i = 0; i < this.workers; i++) this.fork();
    logger.log(`primary ${process.pid} started ${this.workers} workers`);
  }

  private fork(): void {
    const worker = cluster.fork({ [CLUSTER_WORKER_ENV]: '1' });
    this.alive.add(worker);
    worker.once('listening', () => this.listening.add(worker));
  }

  private onExit(worker: Worker, code: number | null, signal: string | null): void {
    const how = signal ?? `code ${code}`;
    this.alive.delete(worker);
    if (this.stopping) {
      if (code !== 0) this.exitCode = 1;
      this.exitWhenAllGone();
    } else if (!this.listening.delete(worker)) {
      logger.error(`worker ${worker.process.pid} exited (${how}) before it listened: stopping the cluster`);
      this.exitCode = 1;
      this.stop('startup failure');
    } else {
      // Its own counts are gone with it; every other worker's stay in that worker.
      logger.warn(`worker ${worker.process.pid} exited (${how}): starting a replacement`);
      this.fork();
    }
  }

  private onMessage(worker: Worker, message: unknown): void {
    const request = message as Partial<MetricsMessage> | null;
    if (request?.type !== METRICS_REQUEST || typeof request.id !== 'number') return;
    const id = request.id;
    const reply = (response: Omit<MetricsMessage, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: METRICS_RESPONSE, id, ...response } satisfies MetricsMessage);
    };
    this.aggregator.clusterMetrics().then(
      (metrics) => reply({ metrics }),
      (error: Error) => reply({ error: error.message }),
    );
  }

  private stop(reason: string): void {
    if (this.stopping) return;
    this.stopping = true;
    logger.log(`${reason}: stopping the workers`);
    for (const worker of this.alive) worker.process.kill('SIGTERM');
    this.exitWhenAllGone();
  }

  private exitWhenAllGone(): void {
    if (this.alive.size === 0) process.exit(this.exitCode);
  }
}
