// Runs inside a namespace (e.g. Grafana's) and makes the HTTP requests read as JSON from stdin,
// [{ "url", "form"?: { … } }] (a form means POST application/x-www-form-urlencoded), one after the other; prints
// [{ "status", "body" }] or [{ "error" }] per request as JSON.
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const answers = [];
  for (const request of JSON.parse(input)) {
    try {
      const init = request.form ? { method: 'POST', body: new URLSearchParams(request.form) } : {};
      const response = await fetch(request.url, { ...init, signal: AbortSignal.timeout(10_000) });
      answers.push({ status: response.status, body: await response.text() });
    } catch (error) {
      answers.push({ error: String(error.cause ?? error) });
    }
  }
  process.stdout.write(JSON.stringify(answers));
});
