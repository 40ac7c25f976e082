import OpenAI, { toFile } from 'openai';
import type { IndexEntry, Recording } from './corpus';

export const REPLAY_ENDPOINTS = [
  'chat',
  'responses',
  'embeddings',
  'completions',
  'moderations',
  'transcriptions',
  'translations',
  'images',
  'vector_stores',
] as const;

export type ReplayEndpoint = (typeof REPLAY_ENDPOINTS)[number];

/**
 * `create`: a plain answer. For streams: `consumed` to its end inside the instrumented method,
 * `returned` by it and consumed afterwards, `helper` through the SDK's stream helper.
 */
export type ReplayMode = 'create' | 'consumed' | 'returned' | 'helper';

const BY_PATH: ReadonlyArray<readonly [string, RegExp, ReplayEndpoint]> = [
  ['POST', /^\/v1\/chat\/completions$/, 'chat'],
  ['POST', /^\/v1\/responses$/, 'responses'],
  ['POST', /^\/v1\/embeddings$/, 'embeddings'],
  ['POST', /^\/v1\/completions$/, 'completions'],
  ['POST', /^\/v1\/moderations$/, 'moderations'],
  ['POST', /^\/v1\/audio\/transcriptions$/, 'transcriptions'],
  ['POST', /^\/v1\/audio\/translations$/, 'translations'],
  ['POST', /^\/v1\/images\/generations$/, 'images'],
  ['GET', /^\/v1\/vector_stores\/[^/]+\/file_batches\/[^/]+\/files$/, 'vector_stores'],
];

/** Undefined for a request this suite does not know how to make (its test then fails). */
export function endpointOf(entry: Pick<IndexEntry, 'method' | 'path'>): ReplayEndpoint | undefined {
  return BY_PATH.find(([method, path]) => method === entry.method && path.test(entry.path))?.[2];
}

export function modesOf(entry: IndexEntry): ReplayMode[] {
  if (!entry.streaming) return ['create'];
  const endpoint = endpointOf(entry);
  return endpoint === 'chat' || endpoint === 'responses' ? ['returned', 'consumed', 'helper'] : ['returned', 'consumed'];
}

/**
 * The model of a multipart upload (no recorded body): the source cassette's name says it, else the
 * usage shape does (billed by duration: whisper-1; by tokens: gpt-4o-transcribe).
 */
export function uploadModel(recording: Recording): string {
  const named = /(whisper-1|gpt-4o(?:-mini)?-transcribe(?:-diarize)?)/.exec(recording.source.path)?.[1];
  if (named) return named;
  const usage = /"usage":\{"type":"(duration|tokens)"/.exec(recording.response.body)?.[1];
  if (usage === 'duration') return 'whisper-1';
  if (usage === 'tokens') return 'gpt-4o-transcribe';
  throw new Error(`${recording.name}: cannot tell which model the upload named`);
}

function jsonBody(recording: Recording): never {
  const body = recording.request.body;
  if (!body) throw new Error(`${recording.name}: a JSON endpoint without a recorded body`);
  return body as never;
}

function embeddingsBody(recording: Recording): never {
  const body = jsonBody(recording) as Record<string, unknown>;
  // Without it the SDK asks for base64 and decodes; the recorded request asked for the API's default.
  return { encoding_format: 'float', ...body } as never;
}

async function upload(recording: Recording) {
  return { file: await toFile(Buffer.from('RIFF'), 'a.wav'), model: uploadModel(recording) };
}

/** One SDK call as the recording made it: the answer, or the `Stream` of a streamed one. */
export async function openCall(client: OpenAI, recording: Recording, endpoint: ReplayEndpoint): Promise<unknown> {
  switch (endpoint) {
    case 'chat':
      return client.chat.completions.create(jsonBody(recording));
    case 'responses':
      return client.responses.create(jsonBody(recording));
    case 'embeddings':
      return client.embeddings.create(embeddingsBody(recording));
    case 'completions':
      return client.completions.create(jsonBody(recording));
    case 'moderations':
      return client.moderations.create(jsonBody(recording));
    case 'images':
      return client.images.generate(jsonBody(recording));
    case 'transcriptions':
      return client.audio.transcriptions.create({ ...(await upload(recording)), ...(recording.streaming ? { stream: true } : {}) } as never);
    case 'translations':
      return client.audio.translations.create(await upload(recording));
    case 'vector_stores': {
      const [, vectorStore, batch] = /^\/v1\/vector_stores\/([^/]+)\/file_batches\/([^/]+)\/files$/.exec(recording.request.path) ?? [];
      const page = await client.vectorStores.fileBatches.listFiles(batch, { vector_store_id: vectorStore });
      return page.getPaginatedItems();
    }
  }
}

/** Every event of a stream, in order. */
export async function drain(stream: unknown): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of stream as AsyncIterable<unknown>) events.push(event);
  return events;
}

async function throughHelper(client: OpenAI, recording: Recording, endpoint: ReplayEndpoint): Promise<unknown> {
  if (endpoint === 'chat') return client.chat.completions.stream(jsonBody(recording)).finalChatCompletion();
  if (endpoint === 'responses') return client.responses.stream(jsonBody(recording)).finalResponse();
  throw new Error(`${recording.name}: no stream helper for ${endpoint}`);
}

/** What a method making this call returns in `mode` (for `returned`, the stream itself). */
export async function perform(client: OpenAI, recording: Recording, endpoint: ReplayEndpoint, mode: ReplayMode): Promise<unknown> {
  if (mode === 'helper') return throughHelper(client, recording, endpoint);
  const answer = await openCall(client, recording, endpoint);
  return mode === 'consumed' ? drain(answer) : answer;
}
