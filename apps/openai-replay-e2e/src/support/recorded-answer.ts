import { isEventStream, type Recording } from './corpus';

type Json = Record<string, unknown>;

/** What the recorded answer says, read straight from its body (independently of the library). */
export interface RecordedAnswer {
  /** The final usage object as OpenAI reported it, if any. */
  usage?: Json;
  serviceTier?: string;
  model?: string;
  /** `data` of an images answer. */
  images?: number;
  /** The type of the last Responses-API lifecycle event of a stream. */
  finalEvent?: string;
}

const FINAL_RESPONSE_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The JSON payloads of a server-sent event stream, `[DONE]` left out. */
export function sseEvents(body: string): Json[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((data) => data !== '' && data !== '[DONE]')
    .map((data) => JSON.parse(data) as Json);
}

function fromStream(events: Json[]): RecordedAnswer {
  const answer: RecordedAnswer = {};
  for (const event of events) {
    const type = string(event['type']);
    if (type && FINAL_RESPONSE_EVENTS.has(type) && isObject(event['response'])) {
      const response = event['response'];
      answer.finalEvent = type;
      answer.usage = isObject(response['usage']) ? response['usage'] : undefined;
      answer.serviceTier = string(response['service_tier']);
      answer.model = string(response['model']);
      continue;
    }
    if (type === 'response.created' && isObject(event['response'])) answer.model ??= string(event['response']['model']);
    // Chat and completion chunks carry usage on one chunk; transcription streams on `transcript.text.done`.
    if (isObject(event['usage'])) answer.usage = event['usage'];
    answer.serviceTier = string(event['service_tier']) ?? answer.serviceTier;
    answer.model = string(event['model']) ?? answer.model;
  }
  return answer;
}

function fromJson(body: Json): RecordedAnswer {
  return {
    usage: isObject(body['usage']) ? body['usage'] : undefined,
    serviceTier: string(body['service_tier']),
    model: string(body['model']),
    images: Array.isArray(body['data']) ? body['data'].length : undefined,
  };
}

export function recordedAnswer(recording: Recording): RecordedAnswer {
  if (isEventStream(recording)) return fromStream(sseEvents(recording.response.body));
  const body: unknown = JSON.parse(recording.response.body);
  return isObject(body) ? fromJson(body) : {};
}
