import {
  BadRequestException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { errorCodes } from 'fastify';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import { renderProblem } from './api-problem.js';
import { describeException } from './describe-exception.js';

const context = { bodyLimit: 2048 };

// Nest hands Fastify's own errors to filters wrapped in an HttpException; use its real mapping.
const adapter = new FastifyAdapter();
const fromFastify = (error: Error): unknown => adapter.mapException(error);

describe('describeException', () => {
  it('renders our ApiError with its code, params, field errors and details', () => {
    const error = new ApiError({
      status: 409,
      code: 'version_conflict',
      messageKey: 'error.conflict',
      details: { currentVersion: 7 },
      errors: [
        {
          path: 'general.name',
          code: 'too_big',
          message: { key: 'field.too_big.string', params: { maximum: 5 } },
        },
      ],
    });
    const { problem, isServerFault } = describeException(error, context);
    expect(isServerFault).toBe(false);
    expect(renderProblem(problem, 'cs')).toEqual({
      statusCode: 409,
      code: 'version_conflict',
      message: 'Požadavek je v rozporu s aktuálním stavem záznamu.',
      errors: [{ path: 'general.name', code: 'too_big', message: 'Může mít nejvýše 5 znaků.' }],
      details: { currentVersion: 7 },
    });
  });

  it('renders text supplied in both languages as is', () => {
    const error = ApiError.validation([
      {
        path: 'chat.maxQueue',
        code: 'out_of_range',
        message: { text: { cs: 'Mimo rozsah', en: 'Out of range' } },
      },
    ]);
    const body = renderProblem(describeException(error, context).problem, 'en');
    expect(body.errors).toEqual([
      { path: 'chat.maxQueue', code: 'out_of_range', message: 'Out of range' },
    ]);
  });

  it('maps a zod error to 422 validation_failed with dotted field paths', () => {
    const schema = z.object({
      email: z.object({ replyTo: z.email() }),
      limits: z.array(z.number().max(3)),
    });
    const result = schema.safeParse({ email: { replyTo: 'nope' }, limits: [1, 9] });
    if (result.success) throw new Error('expected a failure');
    const body = renderProblem(describeException(result.error, context).problem, 'en');
    expect(body).toEqual({
      statusCode: 422,
      code: 'validation_failed',
      message: 'The request contains invalid data. See errors for details.',
      errors: [
        {
          path: 'email.replyTo',
          code: 'invalid_format',
          message: 'Invalid format (expected email).',
        },
        { path: 'limits.1', code: 'too_big', message: 'Must be at most 3.' },
      ],
    });
  });

  it('maps Fastify malformed and empty JSON bodies to 400 malformed_json', () => {
    for (const error of [
      new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(),
      new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(),
    ]) {
      expect(describeException(fromFastify(error), context).problem).toMatchObject({
        status: 400,
        code: 'malformed_json',
      });
    }
  });

  it('maps a Fastify body-too-large error to 413 payload_too_large with the limit', () => {
    const { problem } = describeException(
      fromFastify(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()),
      context,
    );
    expect(renderProblem(problem, 'en')).toEqual({
      statusCode: 413,
      code: 'payload_too_large',
      message: 'The request body is larger than the limit of 2048 bytes.',
    });
  });

  it('maps an unsupported content type to 415', () => {
    const error = new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/csv');
    expect(describeException(fromFastify(error), context).problem).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
    });
  });

  it('maps Nest HTTP exceptions by status without passing their text on', () => {
    const notFound = describeException(new NotFoundException('Cannot GET /secret-path'), context);
    expect(renderProblem(notFound.problem, 'en')).toEqual({
      statusCode: 404,
      code: 'not_found',
      message: 'The requested resource does not exist.',
    });
    expect(describeException(new BadRequestException('x'), context).problem.code).toBe(
      'bad_request',
    );
    expect(describeException(new HttpException('teapot', 418), context).problem).toMatchObject({
      status: 418,
      code: 'request_failed',
    });
  });

  it('treats 5xx HTTP exceptions as server faults', () => {
    const described = describeException(new ServiceUnavailableException(), context);
    expect(described).toMatchObject({
      isServerFault: true,
      problem: { status: 503, code: 'service_unavailable' },
    });
  });

  it('hides anything else behind 500 internal_error', () => {
    const described = describeException(
      new Error('password=hunter2 in connection string'),
      context,
    );
    expect(described.isServerFault).toBe(true);
    expect(renderProblem(described.problem, 'cs')).toEqual({
      statusCode: 500,
      code: 'internal_error',
      message: 'Došlo k neočekávané chybě.',
    });
    expect(describeException('a thrown string', context).problem.code).toBe('internal_error');
  });
});
