import { Controller, Get, type INestApplication, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule } from './auth.module';
import type { AuthOptions } from './auth-options.interface';
import { MetricsTokenGuard } from './metrics-token.guard';

@UseGuards(MetricsTokenGuard)
@Controller('metrics')
class ScrapeController {
  @Get()
  scrape() {
    return 'openai_api_requests_total 0';
  }
}

async function appWith(options: AuthOptions): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot(options)], controllers: [ScrapeController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('MetricsTokenGuard', () => {
  describe('without a metrics token', () => {
    let served: { app: INestApplication; url: string };
    beforeAll(async () => (served = await appWith({ apiKeys: ['api-key'] })));
    afterAll(() => served?.app.close());

    it('leaves the route open', async () => {
      await request(served.url).get('/metrics').expect(200);
    });
  });

  describe('with a metrics token', () => {
    let served: { app: INestApplication; url: string };
    beforeAll(async () => (served = await appWith({ apiKeys: ['api-key'], metricsToken: 'scrape-token' })));
    afterAll(() => served?.app.close());

    it.each([
      ['no header', undefined],
      ['a wrong token', 'Bearer wrong'],
      ['an API key', 'Bearer api-key'],
      ['the token without the scheme', 'scrape-token'],
      ['a longer token', 'Bearer scrape-token-2'],
    ])('answers 401 to %s', async (_case, authorization) => {
      const call = request(served.url).get('/metrics');
      if (authorization) call.set('Authorization', authorization);
      const response = await call.expect(401);
      expect(response.body.message).toBe('A valid metrics token is required: Authorization: Bearer <token>');
    });

    it('serves the token holder', async () => {
      await request(served.url).get('/metrics').set('Authorization', 'Bearer scrape-token').expect(200);
    });
  });
});
