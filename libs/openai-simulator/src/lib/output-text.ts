import { Body } from './api-request';
import { sampleFromJsonSchema, UnsupportedSchemaError } from './json-schema-sample';
import { loremSentence } from './lorem';
import { SeededRandom } from './seeded-random';

export type OutputFormat =
  | { kind: 'text' }
  | { kind: 'json_object' }
  /** `param` names the schema in the request, for error messages. */
  | { kind: 'json_schema'; schema: unknown; param: string };

const asRecord = (value: unknown): Body => (typeof value === 'object' && value !== null ? (value as Body) : {});

/** Responses API: `text.format`. */
export function responsesOutputFormat(body: Body): OutputFormat {
  const format = asRecord(asRecord(body['text'])['format']);
  if (format['type'] === 'json_schema') {
    return { kind: 'json_schema', schema: format['schema'], param: 'text.format.schema' };
  }
  return format['type'] === 'json_object' ? { kind: 'json_object' } : { kind: 'text' };
}

/** Chat Completions: `response_format`. */
export function chatOutputFormat(body: Body): OutputFormat {
  const format = asRecord(body['response_format']);
  if (format['type'] === 'json_schema') {
    const schema = asRecord(format['json_schema'])['schema'];
    return { kind: 'json_schema', schema, param: 'response_format.json_schema.schema' };
  }
  return format['type'] === 'json_object' ? { kind: 'json_object' } : { kind: 'text' };
}

/** The answer text: lorem sentences, or JSON fitting the requested schema. Throws UnsupportedSchemaError. */
export function generateOutputText(format: OutputFormat, random: SeededRandom): string {
  switch (format.kind) {
    case 'json_schema':
      if (format.schema === undefined) {
        throw new UnsupportedSchemaError(`Missing required parameter: '${format.param}'.`);
      }
      return JSON.stringify(sampleFromJsonSchema(format.schema, random));
    case 'json_object':
      return JSON.stringify({ answer: loremSentence(random, 4, 12) });
    default:
      return loremSentence(random, 8, 40);
  }
}
