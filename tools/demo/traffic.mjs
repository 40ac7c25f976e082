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

/** Sends a steady trickle of mixed requests to the ai app until stopped. */
export function startTraffic({ baseUrl, apiKey, intervalMs }) {
  let stopped = false;
  let sent = 0;
  const sendOne = async () => {
    const [path, body] = REQUESTS[sent % REQUESTS.length](TEXTS[sent % TEXTS.length]);
    sent++;
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify(body),
      });
      await response.text();
    } catch {
      // The summary line shows failures; the generator just keeps going.
    }
  };
  const timer = setInterval(() => {
    if (!stopped) void sendOne();
  }, intervalMs);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
