import { BadRequestException, Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { OpenAiResponseError } from '@openai-monitoring/openai-metrics';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import request from 'supertest';
import { UpstreamErrorFilter } from './upstream-error.filter';

const upstream = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: 'upstream secret detail' } }, undefined, new Headers(headers));

@Controller('fail')
class FailingController {
  @Get('500') server() {
    throw upstream(500);
  }
  @Get('400') badRequest() {
    throw upstream(400);
  }
  @Get('408') requestTimeout() {
    throw upstream(408);
  }
  @Get('timeout') timeout() {
    throw new APIConnectionTimeoutError();
  }
  @Get('connection') connection() {
    throw new APIConnectionError({ message: 'socket hang up' });
  }
  @Get('429') rateLimited() {
    throw upstream(429, { 'retry-after': '12' });
  }
  @Get('429-ms') rateLimitedMs() {
    throw upstream(429, { 'retry-after-ms': '1500' });
  }
  @Get('429-bare') rateLimitedBare() {
    throw upstream(429);
  }
  @Get('unusable') unusable() {
    throw new OpenAiResponseError('schema mismatch');
  }
  @Get('http') http() {
    throw new BadRequestException(['text: required']);
  }
  @Get('bug') bug() {
    throw new TypeError('cannot read properties of undefined (secret internals)');
  }
}

describe('UpstreamErrorFilter', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [FailingController],
      providers: [{ provide: APP_FILTER, useClass: UpstreamErrorFilter }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it.each([
    ['500', 502, 'server_error'],
    ['400', 502, 'bad_request'],
    ['408', 502, 'timeout'],
    ['connection', 502, 'connection'],
    ['unusable', 502, 'invalid_response'],
    ['timeout', 504, 'timeout'],
    ['429', 503, 'rate_limit'],
  ])('maps /fail/%s to %i (%s) without the upstream body', async (path, status, errorType) => {
    const response = await request(app.getHttpServer()).get(`/fail/${path}`).expect(status);
    expect(response.body).toEqual({ statusCode: status, message: expect.any(String), errorType });
    expect(JSON.stringify(response.body)).not.toMatch(/secret|stack/);
  });

  it('sends Retry-After on 503 from the upstream hint, in whole seconds, at least 1', async () => {
    expect((await request(app.getHttpServer()).get('/fail/429')).headers['retry-after']).toBe('12');
    expect((await request(app.getHttpServer()).get('/fail/429-ms')).headers['retry-after']).toBe('2');
    expect((await request(app.getHttpServer()).get('/fail/429-bare')).headers['retry-after']).toBe('1');
  });

  it('passes HTTP exceptions through and hides everything else behind a 500', async () => {
    const http = await request(app.getHttpServer()).get('/fail/http').expect(400);
    expect(http.body.message).toEqual(['text: required']);
    const bug = await request(app.getHttpServer()).get('/fail/bug').expect(500);
    expect(bug.body).toEqual({ statusCode: 500, message: 'Internal server error' });
  });
});
