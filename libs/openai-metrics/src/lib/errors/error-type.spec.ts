import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, LengthFinishReasonError } from 'openai/core/error';
import { apiError } from '../../../test/support/openai-errors';
import { StreamAbandonedError } from '../streaming/stream-abandoned.error';
import { classifyOpenAiError } from './error-type';
import { OpenAiResponseError } from './openai-response.error';

describe('classifyOpenAiError', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'authentication'],
    [403, 'permission'],
    [404, 'not_found'],
    [408, 'timeout'],
    [409, 'other'],
    [422, 'unprocessable'],
    [429, 'rate_limit'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'server_error'],
    [504, 'server_error'],
  ])('maps HTTP %i to %s', (status, type) => {
    expect(classifyOpenAiError(apiError(status))).toBe(type);
  });

  it('maps what undici throws when a connection breaks mid-body to connection', () => {
    expect(classifyOpenAiError(new TypeError('terminated'))).toBe('connection');
    expect(classifyOpenAiError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('connection');
    expect(classifyOpenAiError(new TypeError('x', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))).toBe(
      'connection',
    );
    expect(classifyOpenAiError(new TypeError('Cannot read properties of undefined'))).toBe('other');
  });

  it('maps transport failures', () => {
    expect(classifyOpenAiError(new APIConnectionTimeoutError())).toBe('timeout');
    expect(classifyOpenAiError(new APIConnectionError({ message: 'reset' }))).toBe('connection');
    expect(classifyOpenAiError(new APIUserAbortError())).toBe('aborted');
    expect(classifyOpenAiError(new StreamAbandonedError())).toBe('aborted');
  });

  it('maps unusable answers to invalid_response', () => {
    expect(classifyOpenAiError(new OpenAiResponseError('bad'))).toBe('invalid_response');
    expect(classifyOpenAiError(new SyntaxError('Unexpected token'))).toBe('invalid_response');
    expect(classifyOpenAiError(new LengthFinishReasonError())).toBe('invalid_response');
    const zodError = Object.assign(new Error('invalid'), { name: 'ZodError' });
    expect(classifyOpenAiError(zodError)).toBe('invalid_response');
  });

  it('maps anything else to other', () => {
    expect(classifyOpenAiError(new TypeError('x is undefined'))).toBe('other');
    expect(classifyOpenAiError('a string')).toBe('other');
    expect(classifyOpenAiError(undefined)).toBe('other');
  });
});
