import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { APIError, OpenAIError } from 'openai';
import { classifyOpenAiError, OpenAiResponseError, retryAfterMs } from '@openai-monitoring/openai-metrics';
import type { Response } from 'express';

/**
 * Turns every error into a JSON answer that carries no upstream body, key or stack:
 * HTTP errors as they are, final OpenAI failures as 502
 * (504 when the last attempt timed out, 503 with Retry-After when rate limited), anything else 500.
 */
@Catch()
export class UpstreamErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    if (error instanceof HttpException) {
      response.status(error.getStatus()).json(httpBody(error));
      return;
    }
    if (error instanceof OpenAIError || error instanceof OpenAiResponseError) {
      this.upstream(response, error);
      return;
    }
    this.logger.error(`Unhandled ${(error as Error)?.name ?? 'error'}`);
    this.send(response, HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }

  private upstream(response: Response, error: Error): void {
    const errorType = classifyOpenAiError(error);
    this.logger.warn(`OpenAI operation failed (${errorType}${error instanceof APIError && error.status ? `, HTTP ${error.status}` : ''})`);
    if (errorType === 'timeout' && !(error instanceof APIError && error.status === 408)) {
      this.send(response, HttpStatus.GATEWAY_TIMEOUT, 'The AI provider did not answer in time', errorType);
      return;
    }
    if (errorType === 'rate_limit') {
      const waitMs = error instanceof APIError ? retryAfterMs(error.headers) : undefined;
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil((waitMs ?? 1000) / 1000))));
      this.send(response, HttpStatus.SERVICE_UNAVAILABLE, 'The AI provider is rate limiting this service; retry later', errorType);
      return;
    }
    this.send(response, HttpStatus.BAD_GATEWAY, 'The AI provider failed to answer', errorType);
  }

  private send(response: Response, status: number, message: string, errorType?: string): void {
    response.status(status).json({ statusCode: status, message, ...(errorType ? { errorType } : {}) });
  }
}

function httpBody(error: HttpException): object {
  const body = error.getResponse();
  return typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body;
}
