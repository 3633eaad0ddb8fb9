import type { AddressInfo } from 'node:net';
import { Controller, Get, Logger, Module, Post, Req } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { setPrincipal } from '../../auth/auth.decorators.js';
import { ConfigModule } from '../../config/config.module.js';
import { loadEnv } from '../../config/env.js';
import { ApiError } from './api-error.js';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { ZodBody } from './zod-validation.pipe.js';

// Routes that exist only in this spec, to drive each kind of failure through real Fastify parsing.
const createBody = z.object({ name: z.string().min(2), limit: z.number().int().max(10) });

@Controller('probe')
class ProbeController {
  @Post()
  create(@ZodBody(createBody) body: z.output<typeof createBody>): {
    received: z.output<typeof createBody>;
  } {
    return { received: body };
  }

  @Get('conflict')
  conflict(): never {
    throw new ApiError({
      status: 409,
      code: 'version_conflict',
      messageKey: 'error.conflict',
      details: { currentVersion: 3 },
    });
  }

  /** As if the auth guard had admitted a Czech-speaking principal. */
  @Get('czech-principal')
  czechPrincipal(@Req() request: FastifyRequest): never {
    setPrincipal(request, {
      tenantId: 't1',
      userId: 'u1',
      userName: null,
      roles: ['admin'],
      locale: 'cs',
    });
    throw ApiError.notFound();
  }

  @Get('crash')
  crash(): never {
    throw new Error('connection failed: password=hunter2');
  }
}

@Module({
  imports: [ConfigModule.forRoot(loadEnv({ BODY_LIMIT_BYTES: '1024' }))],
  controllers: [ProbeController],
  providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
})
class ProbeModule {}

describe('ApiExceptionFilter over HTTP', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  const logged: unknown[][] = [];

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(
      ProbeModule,
      new FastifyAdapter({ bodyLimit: 1024 }),
      {
        logger: false,
      },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    logged.length = 0;
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await app?.close();
  });

  const post = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${baseUrl}/probe`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('passes a valid body through the zod pipe', async () => {
    const response = await post(JSON.stringify({ name: 'Eva', limit: 3 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ received: { name: 'Eva', limit: 3 } });
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await post('{"name": "Eva",', { 'accept-language': 'cs' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400,
      code: 'malformed_json',
      message: 'Tělo požadavku není platný JSON.',
    });
  });

  it('answers an empty JSON body with 400 malformed_json', async () => {
    const response = await post('');
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'malformed_json' });
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(2000), limit: 1 }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      statusCode: 413,
      code: 'payload_too_large',
      message: 'The request body is larger than the limit of 1024 bytes.',
    });
  });

  it('answers invalid and unknown fields with 422 and localized field errors', async () => {
    const response = await post(JSON.stringify({ limit: 11, colour: 'red' }), {
      'accept-language': 'cs-CZ',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-language')).toBe('cs');
    expect(await response.json()).toEqual({
      statusCode: 422,
      code: 'validation_failed',
      message: 'Požadavek obsahuje neplatná data. Podrobnosti jsou v seznamu chyb.',
      errors: [
        { path: 'name', code: 'required', message: 'Toto pole je povinné.' },
        { path: 'limit', code: 'too_big', message: 'Může být nejvýše 10.' },
        { path: 'colour', code: 'unknown_field', message: 'Neznámé pole.' },
      ],
    });
  });

  it('renders an ApiError with its details', async () => {
    const response = await fetch(`${baseUrl}/probe/conflict`);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      statusCode: 409,
      code: 'version_conflict',
      message: 'The request conflicts with the current state of the resource.',
      details: { currentVersion: 3 },
    });
    expect(logged).toHaveLength(0);
  });

  it('hides an unexpected error behind 500 internal_error and logs it', async () => {
    const response = await fetch(`${baseUrl}/probe/crash`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      statusCode: 500,
      code: 'internal_error',
      message: 'An unexpected error occurred.',
    });
    expect(text).not.toContain('hunter2');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[0]).toMatchObject({
      err: expect.any(Error),
      method: 'GET',
      url: '/probe/crash',
    });
  });

  it('answers an unknown route and a wrong method with the same shape', async () => {
    const unknown = await fetch(`${baseUrl}/nowhere`);
    expect(await unknown.json()).toEqual({
      statusCode: 404,
      code: 'not_found',
      message: 'The requested resource does not exist.',
    });
    const wrongMethod = await fetch(`${baseUrl}/probe/crash`, { method: 'DELETE' });
    expect(await wrongMethod.json()).toMatchObject({ statusCode: 404, code: 'not_found' });
  });

  it("falls back to the principal's locale when Accept-Language states no preference", async () => {
    const ask = async (headers: Record<string, string>) => {
      const response = await fetch(`${baseUrl}/probe/czech-principal`, { headers });
      return {
        language: response.headers.get('content-language'),
        message: ((await response.json()) as { message: string }).message,
      };
    };
    const czech = { language: 'cs', message: 'Požadovaný záznam neexistuje.' };
    expect(await ask({})).toEqual(czech);
    expect(await ask({ 'accept-language': '*' })).toEqual(czech);
    expect((await ask({ 'accept-language': 'en-GB' })).language).toBe('en');
    // Without a principal the API default stays English.
    const anonymous = await fetch(`${baseUrl}/probe/conflict`);
    expect(anonymous.headers.get('content-language')).toBe('en');
  });
});
