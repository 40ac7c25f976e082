import { Controller, Get, type INestApplication, Req, SetMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ApiKeyGuard } from './api-key.guard';
import { AuthModule } from './auth.module';
import { authenticatedKeyName } from './authenticated-key';
import { IS_PUBLIC_KEY, Public } from './public.decorator';

@Controller('protected')
class ProtectedController {
  @Get()
  read() {
    return { ok: true };
  }

  @Get('whoami')
  whoami(@Req() request: object) {
    return { name: authenticatedKeyName(request) ?? null };
  }

  @Public()
  @Get('open')
  open(@Req() request: object) {
    return { ok: true, name: authenticatedKeyName(request) ?? null };
  }
}

@Public()
@Controller('public')
class PublicController {
  @Get()
  read() {
    return { ok: true };
  }

  // The handler's metadata wins over the class's (Reflector.getAllAndOverride).
  @SetMetadata(IS_PUBLIC_KEY, false)
  @Get('closed')
  closed() {
    return { ok: true };
  }
}

describe('ApiKeyGuard on a real Nest app', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ apiKeys: ['key-one', 'key-two', { name: 'acme', key: 'acme-key' }, { name: 'acme', key: 'acme-key-2' }] })],
      controllers: [ProtectedController, PublicController],
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app?.close());

  it.each([
    ['no header', undefined],
    ['a wrong key', 'Bearer key-three'],
    ['a key without the scheme', 'key-one'],
    ['another scheme', 'Basic a2V5LW9uZQ=='],
    ['a prefix of a key', 'Bearer key'],
  ])('refuses a protected route with %s', async (_case, authorization) => {
    const call = request(url).get('/protected');
    if (authorization) call.set('Authorization', authorization);
    const response = await call.expect(401);
    expect(response.body.message).toBe('A valid API key is required: Authorization: Bearer <key>');
  });

  it.each(['key-one', 'key-two', 'acme-key'])('accepts %s on a protected route', async (key) => {
    await request(url).get('/protected').set('Authorization', `Bearer ${key}`).expect(200, { ok: true });
  });

  it.each([
    ['key-one', 'default'],
    ['key-two', 'default'],
    ['acme-key', 'acme'],
    ['acme-key-2', 'acme'],
  ])('attaches the name of the key that matched (%s → %s), never the key', async (key, name) => {
    await request(url).get('/protected/whoami').set('Authorization', `Bearer ${key}`).expect(200, { name });
  });

  it('refuses a named key written as name:key in the header', async () => {
    await request(url).get('/protected').set('Authorization', 'Bearer acme:acme-key').expect(401);
  });

  it('opens a handler marked @Public() on a protected controller, attaching no name', async () => {
    await request(url).get('/protected/open').expect(200, { ok: true, name: null });
    await request(url).get('/protected/open').set('Authorization', 'Bearer acme-key').expect(200, { ok: true, name: null });
  });

  it('opens every handler of a controller marked @Public()', async () => {
    await request(url).get('/public').expect(200);
  });

  it('lets handler metadata override the controller', async () => {
    await request(url).get('/public/closed').expect(401);
    await request(url).get('/public/closed').set('Authorization', 'Bearer key-one').expect(200);
  });
});
