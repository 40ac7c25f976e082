import {
  type FixtureExporter,
  getActiveTargets,
  type RunningPrometheus,
  type ScrapeTarget,
  startFixtureExporter,
  startPrometheus,
  waitForTargetsUp,
} from './support';

// The helper the end-to-end tests use to scrape the real app, including its METRICS_TOKEN path.
jest.setTimeout(30_000);

/** Prometheus applies discovered targets every 5 s, so the first scrape takes a few seconds. */
async function firstScrapedTarget(url: string, timeoutMs = 15_000): Promise<ScrapeTarget> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [target] = await getActiveTargets(url);
    if (target && target.health !== 'unknown') return target;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no target scraped after ${timeoutMs} ms`);
}

describe('startPrometheus', () => {
  const TOKEN = 'test-metrics-token';
  let exporter: FixtureExporter;
  const started: RunningPrometheus[] = [];

  beforeAll(async () => {
    exporter = await startFixtureExporter({ bearerToken: TOKEN });
  });

  afterAll(async () => {
    await Promise.all(started.map((prometheus) => prometheus.stop()));
    await exporter.close();
  });

  async function start(bearerToken?: string): Promise<RunningPrometheus> {
    const prometheus = await startPrometheus({ scrapeTargets: [exporter.target], scrapeIntervalSeconds: 1, bearerToken });
    started.push(prometheus);
    return prometheus;
  }

  it('listens on 127.0.0.1 and scrapes with the bearer token', async () => {
    const prometheus = await start(TOKEN);

    expect(prometheus.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const [target] = await waitForTargetsUp(prometheus.url, 1);
    expect(target.labels).toMatchObject({ job: 'ai', service: 'ai', environment: 'local' });
    expect(target.scrapeUrl).toBe(`http://${exporter.target}/metrics`);
  });

  it('sends no token unless asked, so a protected target is down', async () => {
    const prometheus = await start();

    const target = await firstScrapedTarget(prometheus.url);
    expect(target.health).toBe('down');
    expect(target.lastError).toMatch(/401/);
  });

  it('stops the server', async () => {
    const prometheus = await start(TOKEN);
    await prometheus.stop();

    await expect(fetch(`${prometheus.url}/-/ready`)).rejects.toThrow();
    await prometheus.stop();
  });
});
