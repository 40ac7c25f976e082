import { setTimeout as sleep } from 'node:timers/promises';
import { Controller, Get, type INestApplication, Post } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ApiKeyGuard, AuthModule, Public } from '@openai-monitoring/auth';
import request from 'supertest';
import { currentTenant, requestContextMiddleware } from './request-context';

@Controller()
class TenantController {
  /** Read after timers and a parsed body, as the metrics library reads it when an operation starts. */
  @Post('whoami')
  async whoami() {
    await sleep(5);
    await Promise.resolve();
    return { tenant: currentTenant() ?? null };
  }

  @Public()
  @Get('open')
  open() {
    return { tenant: currentTenant() ?? null };
  }
}

describe('currentTenant', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ apiKeys: ['bare-key', { name: 'acme', key: 'acme-key' }, { name: 'beta', key: 'beta-key' }] })],
      controllers: [TenantController],
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
    }).compile();
    const nest = moduleRef.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false });
    nest.useBodyParser('json');
    nest.use(requestContextMiddleware);
    app = await nest.init();
  });
  afterAll(() => app?.close());

  it.each([
    ['acme-key', 'acme'],
    ['beta-key', 'beta'],
    ['bare-key', 'default'],
  ])('is the name of the key that authenticated the request (%s → %s)', async (key, tenant) => {
    await request(app.getHttpServer()).post('/whoami').set('Authorization', `Bearer ${key}`).send({ some: 'body' }).expect(201, { tenant });
  });

  it('keeps concurrent requests apart', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'acme-key' : 'beta-key'));
    const answers = await Promise.all(keys.map((key) => request(app.getHttpServer()).post('/whoami').set('Authorization', `Bearer ${key}`).send({})));
    expect(answers.map((answer) => answer.body.tenant)).toEqual(keys.map((key) => (key === 'acme-key' ? 'acme' : 'beta')));
  });

  it('is undefined on a public route, even with a key, and outside any request', async () => {
    await request(app.getHttpServer()).get('/open').set('Authorization', 'Bearer acme-key').expect(200, { tenant: null });
    expect(currentTenant()).toBeUndefined();
  });
});
