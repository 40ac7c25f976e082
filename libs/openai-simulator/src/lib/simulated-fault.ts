export type SimulatedFault =
  /** Answer `status`; the body is the OpenAI error JSON for that status unless `body` is given. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Destroy the socket without answering. */
  | { kind: 'drop' }
  /** Wait `ms` (default 120000) then answer normally; the client's timeout should fire first. */
  | { kind: 'stall'; ms?: number }
  /** 200 with a body that is not JSON (streaming requests: an SSE `data:` line that is not JSON). */
  | { kind: 'invalid-json' }
  /** 200, well-formed API response whose output text is `{"unexpected":true}`. */
  | { kind: 'schema-mismatch' }
  /** Send `afterChunks` (default 2) SSE events, then destroy the socket (non-streaming: half the body). */
  | { kind: 'stream-break'; afterChunks?: number };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Validates a fault received as JSON (control API); throws a TypeError saying what is wrong. */
export function parseSimulatedFault(value: unknown): SimulatedFault {
  if (!isRecord(value)) throw new TypeError('a fault must be an object');
  switch (value['kind']) {
    case 'status': {
      const { status, headers, body } = value;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
        throw new TypeError('status fault needs an integer "status" between 200 and 599');
      }
      if (headers !== undefined && (!isRecord(headers) || Object.values(headers).some((h) => typeof h !== 'string'))) {
        throw new TypeError('status fault "headers" must map names to strings');
      }
      if (body !== undefined && typeof body !== 'string') throw new TypeError('status fault "body" must be a string');
      return { kind: 'status', status, headers: headers as Record<string, string> | undefined, body };
    }
    case 'drop':
    case 'invalid-json':
    case 'schema-mismatch':
      return { kind: value['kind'] };
    case 'stall':
      if (value['ms'] !== undefined && !isCount(value['ms'])) {
        throw new TypeError('stall fault "ms" must be an integer >= 0');
      }
      return { kind: 'stall', ms: value['ms'] as number | undefined };
    case 'stream-break':
      if (value['afterChunks'] !== undefined && !isCount(value['afterChunks'])) {
        throw new TypeError('stream-break fault "afterChunks" must be an integer >= 0');
      }
      return { kind: 'stream-break', afterChunks: value['afterChunks'] as number | undefined };
    default:
      throw new TypeError(`unknown fault kind ${JSON.stringify(value['kind'])}`);
  }
}
