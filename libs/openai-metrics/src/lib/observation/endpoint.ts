/** The OpenAI endpoints whose answers are read differently; everything else is `other`. */
export type Endpoint =
  | 'chat'
  | 'responses'
  | 'completions'
  | 'embeddings'
  | 'images'
  | 'transcriptions'
  | 'translations'
  | 'speech'
  | 'moderations'
  | 'other';

const BY_PATH: ReadonlyArray<readonly [RegExp, Endpoint]> = [
  [/^\/chat\/completions$/, 'chat'],
  [/^\/responses(?:\/compact)?$/, 'responses'],
  [/^\/completions$/, 'completions'],
  [/^\/embeddings$/, 'embeddings'],
  [/^\/images\/(?:generations|edits|variations)$/, 'images'],
  [/^\/audio\/transcriptions$/, 'transcriptions'],
  [/^\/audio\/translations$/, 'translations'],
  [/^\/audio\/speech$/, 'speech'],
  [/^\/moderations$/, 'moderations'],
];

const cache = new Map<string, Endpoint>();

/** `path` is the SDK's request path, relative to its base URL (`/chat/completions`). */
export function endpointOf(path: unknown): Endpoint {
  if (typeof path !== 'string') return 'other';
  let endpoint = cache.get(path);
  if (endpoint === undefined) {
    const bare = path.split('?')[0].replace(/^\/?(?:openai\/)?(?:deployments\/[^/]+\/)?/, '/');
    endpoint = BY_PATH.find(([pattern]) => pattern.test(bare))?.[1] ?? 'other';
    // Paths with ids (`/files/file-abc`) are `other` and never cached, so the cache stays small.
    if (endpoint !== 'other') cache.set(path, endpoint);
  }
  return endpoint;
}
