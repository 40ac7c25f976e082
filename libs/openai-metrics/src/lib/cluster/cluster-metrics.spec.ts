import cluster from 'node:cluster';
import { clusterMetrics, isClusterWorker, runClustered } from './cluster-metrics';

// With more than one worker, runClustered forks and takes over the process's signals and exit:
// apps/ai-e2e/src/cluster-mode.e2e-spec.ts drives that on the built app.
describe('runClustered', () => {
  it('runs a single worker in this process, without a cluster', async () => {
    const pids: number[] = [];
    await runClustered({ workers: 1, worker: async () => void pids.push(process.pid) });
    expect(pids).toEqual([process.pid]);
    expect(Object.keys(cluster.workers ?? {})).toHaveLength(0);
  });

  it("passes on the worker's startup failure", async () => {
    const failure = new Error('listen EADDRINUSE');
    await expect(runClustered({ workers: 1, worker: () => Promise.reject(failure) })).rejects.toBe(failure);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p workers before starting anything', async (workers) => {
    const worker = jest.fn(async () => undefined);
    await expect(runClustered({ workers, worker })).rejects.toThrow(`workers must be a whole number of at least 1, got ${workers}`);
    expect(worker).not.toHaveBeenCalled();
  });
});

describe('clusterMetrics outside a runClustered worker', () => {
  it('is not a cluster worker, and refuses to answer instead of waiting for a primary', async () => {
    expect(isClusterWorker()).toBe(false);
    await expect(clusterMetrics()).rejects.toThrow('clusterMetrics() works only in a worker started by runClustered()');
  });
});
