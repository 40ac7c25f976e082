import type { NextFunction, Request, Response } from 'express';

interface BodyParserError {
  type?: string;
}

const ANSWERS: Readonly<Record<string, [number, string]>> = {
  'entity.too.large': [413, 'Request body exceeds 64 KiB'],
  'entity.parse.failed': [400, 'Request body is not valid JSON'],
  'encoding.unsupported': [415, 'Request body encoding is not supported'],
  'charset.unsupported': [415, 'Request body charset is not supported'],
  'request.aborted': [400, 'Request body was aborted'],
};

/**
 * Answers body-parser failures itself. Nest would turn a JSON syntax error into a 400 whose message
 * quotes the start of the body, and a request body is user data that must not be echoed.
 */
export function bodyParserErrorsHandler(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const answer = ANSWERS[(error as BodyParserError)?.type ?? ''];
  if (!answer) {
    next(error);
    return;
  }
  const [statusCode, message] = answer;
  response.status(statusCode).json({ statusCode, message });
}
