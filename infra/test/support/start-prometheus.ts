import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '@openai-monitoring/ai-app-testing';
import { buildPrometheusConfig } from './prometheus-config';

export interface StartPrometheusOptions {
  /** host:port of each target; keep them on 127.0.0.1. */
  scrapeTargets: string[];
  scrapeIntervalSeconds: number;
  /** Absolute paths of rule files to load (evaluated every scrape interval). */
  ruleFiles?: string[];
  metricsPath?: string;
  /** Sent as `Authorization: Bearer <token>` on every scrape. */
  bearerToken?: string;
  /** Defaults to $PROMETHEUS_BIN or /usr/bin/prometheus. */
  binary?: string;
  startupTimeoutMs?: number;
}

export interface RunningPrometheus {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  configPath: string;
  /** Stops the server and deletes its temporary config and TSDB. Safe to call twice. */
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 3;

/**
 * Starts a real Prometheus on a free 127.0.0.1 port with a temporary TSDB, scraping `scrapeTargets` with the job
 * name and static labels of infra/prometheus/prometheus.yml. Resolves once /-/ready answers.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const workDir = mkdtempSync(join(tmpdir(), 'infra-prometheus-'));
  let credentialsFile: string | undefined;
  if (options.bearerToken !== undefined) {
    credentialsFile = join(workDir, 'metrics-token');
    writeFileSync(credentialsFile, options.bearerToken, { mode: 0o600 });
  }
  const configPath = join(workDir, 'prometheus.yml');
  writeFileSync(configPath, stringify(buildPrometheusConfig({ ...options, credentialsFile })));

  let lastError: unknown;
  // The free port can be taken between allocation and bind: retry on a new one.
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      options.binary ?? process.env['PROMETHEUS_BIN'] ?? '/usr/bin/prometheus',
      [
        `--config.file=${configPath}`,
        `--storage.tsdb.path=${join(workDir, `data-${attempt}`)}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const stderr = collectTail(child);
    try {
      await waitUntilReady(url, child, options.startupTimeoutMs ?? 20_000);
      return { url, configPath, stop: once(() => stopProcess(child).finally(() => removeDir(workDir))) };
    } catch (error) {
      await stopProcess(child);
      lastError = new Error(`Prometheus did not start: ${(error as Error).message}\n${stderr()}`);
    }
  }
  removeDir(workDir);
  throw lastError;
}

function collectTail(child: ChildProcess, maxChars = 8000): () => string {
  let output = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    output = (output + chunk).slice(-maxChars);
  });
  return () => output;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
