import fc from 'fast-check';
import { AI_APP_TEST_KEY } from '@openai-monitoring/ai-app-testing';
import { AI_ROUTES } from './support/routes';
import { useAppWithSimulator } from '../support/app-with-simulator';

const RUNS_PER_PROPERTY = 200;

/** Any JSON value, strings over all of Unicode including lone surrogates. */
const anyJson = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 });
const notAString = anyJson.filter((value) => typeof value !== 'string');
const notAnArray = anyJson.filter((value) => !Array.isArray(value));
const notAnObject = anyJson.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value));
const badText = fc.oneof(notAString, fc.constant(''), fc.integer({ min: 20_001, max: 30_000 }).map((n) => 'x'.repeat(n)));
const badLabel = fc.oneof(notAString, fc.constantFrom('', '   '), fc.integer({ min: 101, max: 300 }).map((n) => 'l'.repeat(n)));
const badLabels = fc.oneof(
  notAnArray,
  fc.array(fc.string({ minLength: 1 }), { maxLength: 1 }),
  fc.uniqueArray(fc.string({ minLength: 1 }).map((s) => `label ${s}`), { minLength: 21, maxLength: 30 }),
  fc.tuple(badLabel, fc.constant('ok')).map(([bad, ok]) => [ok, bad]),
  fc.string({ minLength: 1 }).map((label) => [`same ${label}`, `same ${label}`]),
);
const badRole = anyJson.filter((role) => !['user', 'system', 'assistant'].includes(role as string));
const badMessage = fc.oneof(
  notAnObject,
  fc.record({ role: badRole, content: fc.constant('hi') }),
  fc.record({ role: fc.constant('user'), content: badText }),
  fc.record({ role: fc.constant('user') }),
  fc.record({ role: fc.constant('user'), content: fc.constant('hi'), name: anyJson }),
);
const badMessages = fc.oneof(
  notAnArray,
  fc.constant([]),
  fc.integer({ min: 51, max: 80 }).map((n) => Array.from({ length: n }, () => ({ role: 'user', content: 'x' }))),
  badMessage.map((message) => [{ role: 'user', content: 'first' }, message]),
);

/** A valid body with one field broken, and the path its 400 message must name. */
interface BrokenBody {
  body: Record<string, unknown>;
  path: string;
}

const [summaries, classifications, chat] = AI_ROUTES;
const breakField = (valid: Record<string, unknown>, field: string, bad: fc.Arbitrary<unknown>): fc.Arbitrary<BrokenBody> =>
  bad.map((value) => ({ body: { ...valid, [field]: value }, path: field }));
const unknownField = (valid: Record<string, unknown>): fc.Arbitrary<BrokenBody> =>
  fc
    .tuple(fc.string({ minLength: 1 }).filter((key) => !(key in valid)), anyJson)
    .map(([key, value]) => ({ body: { ...valid, [key]: value }, path: 'body' }));

const BROKEN_BODIES: ReadonlyArray<[string, fc.Arbitrary<BrokenBody>]> = [
  [summaries.path, fc.oneof(breakField(summaries.body, 'text', badText), unknownField(summaries.body))],
  [
    classifications.path,
    fc.oneof(
      breakField(classifications.body, 'text', badText),
      breakField(classifications.body, 'labels', badLabels),
      unknownField(classifications.body),
    ),
  ],
  [chat.path, fc.oneof(breakField(chat.body, 'messages', badMessages), unknownField(chat.body))],
];

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'];

describe('hostile input', () => {
  const suite = useAppWithSimulator({ noUpstreamCalls: true });

  async function send(path: string, raw: string, contentType = 'application/json') {
    const response = await fetch(`${suite.app.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${AI_APP_TEST_KEY}`, 'Content-Type': contentType },
      body: raw,
    });
    return { status: response.status, text: await response.text() };
  }

  it.each([...AI_ROUTES.map((route) => route.path), '/health', '/metrics'])(
    'POST %s with random JSON or random text never answers 5xx and never calls OpenAI',
    async (path) => {
      const rawBody = fc.oneof(
        fc.json({ stringUnit: 'binary', maxDepth: 5 }),
        anyJson.map((value) => JSON.stringify(value)),
        fc.string({ unit: 'binary', maxLength: 200 }),
      );
      await fc.assert(
        fc.asyncProperty(rawBody, fc.constantFrom(...CONTENT_TYPES), async (raw, contentType) => {
          const { status } = await send(path, raw, contentType);
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
          expect(suite.simulator.requestCount).toBe(0);
        }),
        { numRuns: RUNS_PER_PROPERTY },
      );
    },
  );

  it.each(BROKEN_BODIES)('%s answers 400 naming the broken field, and never calls OpenAI', async (path, brokenBody) => {
    await fc.assert(
      fc.asyncProperty(brokenBody, async ({ body, path: field }) => {
        const { status, text } = await send(path, JSON.stringify(body));
        expect(status).toBe(400);
        const { message } = JSON.parse(text) as { message: string[] };
        expect(message.some((line) => line.startsWith(`${field}`))).toBe(true);
        expect(suite.simulator.requestCount).toBe(0);
      }),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });

  it.each([
    ['a 60 KB deeply nested array', '['.repeat(30_000) + ']'.repeat(30_000)],
    ['a deeply nested field', `{"text":${'['.repeat(30_000)}${']'.repeat(30_000)}}`],
    ['a __proto__ key', '{"text":"ok","__proto__":{"isAdmin":true}}'],
    ['a constructor key', '{"text":"ok","constructor":{"prototype":{"polluted":true}}}'],
  ])('answers 400 to %s', async (_case, raw) => {
    expect((await send(summaries.path, raw)).status).toBe(400);
  });

  it('answers 413 to a body over 64 KiB before parsing it', async () => {
    const { status, text } = await send(summaries.path, JSON.stringify({ text: 'y'.repeat(64 * 1024) }));
    expect(status).toBe(413);
    expect(JSON.parse(text)).toEqual({ statusCode: 413, message: 'Request body exceeds 64 KiB' });
  });
});
