#!/usr/bin/env node
// The demo's traffic generator: summaries, classifications and streamed chats against the ai app.
// Imported by run-demo.mjs, or run on its own (the compose `traffic` service):
//   TRAFFIC_BASE_URL=http://127.0.0.1:3002 AI_API_KEYS=demo-key node tools/demo/traffic.mjs
// TRAFFIC_INTERVAL_MS (default 1000) between requests; TRAFFIC_COUNT (default 0 = until stopped) requests, after
// which it prints its tally of answers as one JSON line and exits.
import { pathToFileURL } from 'node:url';

const TEXTS = [
  'Prometheus scrapes metrics over HTTP and stores them as time series. Grafana reads them with PromQL.',
  'Retries belong inside the client call so that one logical operation records exactly one outcome.',
  'Token counters labelled by model make cost per hour a simple rate times a price.',
];

const REQUESTS = [
  (text) => ['/v1/summaries', { text }],
  (text) => ['/v1/classifications', { text, labels: ['monitoring', 'cooking', 'travel'] }],
  (text) => ['/v1/chat', { messages: [{ role: 'user', content: text }] }],
];

/**
 * Sends mixed requests to the ai app, one every `intervalMs`, until stopped or `count` were sent (0 = no limit).
 * `tally` counts the answers as { "<path> <status>": n } (`error` when no HTTP answer came); `done` resolves once
 * `count` requests were answered.
 */
export function startTraffic({ baseUrl, apiKey, intervalMs, count = 0 }) {
  let stopped = false;
  let sent = 0;
  const tally = {};
  const inFlight = new Set();
  let finish;
  const done = new Promise((resolve) => (finish = resolve));
  const sendOne = async () => {
    const [path, body] = REQUESTS[sent % REQUESTS.length](TEXTS[sent % TEXTS.length]);
    sent++;
    let outcome = 'error';
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify(body),
      });
      await response.text();
      outcome = String(response.status);
    } catch {
      // The summary line shows failures; the generator just keeps going.
    }
    tally[`${path} ${outcome}`] = (tally[`${path} ${outcome}`] ?? 0) + 1;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    const request = sendOne();
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
    if (count > 0 && sent >= count) {
      clearInterval(timer);
      void Promise.all(inFlight).then(() => finish(tally));
    }
  }, intervalMs);
  return {
    tally,
    done,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

function wholeNumber(name, fallback) {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

async function main() {
  const baseUrl = (process.env.TRAFFIC_BASE_URL ?? 'http://127.0.0.1:3002').replace(/\/+$/, '');
  const apiKey = (process.env.AI_API_KEYS ?? 'demo-key').split(',')[0].trim();
  const intervalMs = Math.max(1, wholeNumber('TRAFFIC_INTERVAL_MS', 1000));
  const count = wholeNumber('TRAFFIC_COUNT', 0);
  console.log(`traffic: ${count || 'unlimited'} requests to ${baseUrl}, one every ${intervalMs} ms`);
  const traffic = startTraffic({ baseUrl, apiKey, intervalMs, count });
  const stop = () => {
    traffic.stop();
    console.log(`traffic: ${JSON.stringify(traffic.tally)}`);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (count > 0) {
    console.log(`traffic: ${JSON.stringify(await traffic.done)}`);
    process.exit(0);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`traffic: ${error.message}`);
    process.exit(1);
  });
}
