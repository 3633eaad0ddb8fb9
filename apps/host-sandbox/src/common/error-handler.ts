import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpError } from './http-error.js';

/** Errors answer `{ code, message, path }` (path as an array of segments), never a stack. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({
        code: error.code,
        message: error.message,
        path: error.path === undefined ? [] : error.path.split('.').filter((p) => p !== ''),
        ...error.extra,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    return reply.code(status).send({
      code: status >= 500 ? 'internal_error' : (error.code ?? 'invalid_request').toLowerCase(),
      message: status >= 500 ? 'Internal error' : error.message,
      path: [],
    });
  });
}
