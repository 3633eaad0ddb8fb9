import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Env } from '../../config/env.js';
import { pathOnly, redactedPaths, serializeRequest } from './logger-options.js';
import { leanRouteKeys } from './lean-routes.js';
import { notedTenantOf } from './request-tenant.js';

/**
 * Only the header paths of `redactedPaths`: the request line carries no logged objects, so the
 * generic keys are applied to the headers (where a secret could be) and nowhere else.
 */
const leanRedactedPaths = [
  ...redactedPaths.filter((path) => path.startsWith('req.headers')),
  ...redactedPaths
    .filter((path) => !path.includes('.'))
    .map((key) => `req.headers[${JSON.stringify(key.toLowerCase())}]`),
];

/** The request lines' logger: same level and destination as the service's, lean redaction. */
export function leanRequestLogger(env: Env, destination: DestinationStream): Logger {
  return pino(
    { level: env.LOG_LEVEL, redact: { paths: leanRedactedPaths, censor: '[redacted]' } },
    destination,
  );
}

/**
 * Writes the request line of the lean routes, in pino-http's shape: `reqId`, `req` (the same
 * serializer: path without the query, redacted headers), `res.statusCode`, `responseTime` and the
 * request's `tenantId` (noted by the `onSend` hook of request-tenant.ts).
 */
export function logLeanRequests(instance: FastifyInstance, logger: Logger): void {
  instance.addHook('onResponse', (request, reply, done) => {
    if (!leanRouteKeys.has(`${request.method} ${request.routeOptions.url ?? ''}`)) {
      done();
      return;
    }
    const failed = reply.statusCode >= 500;
    if (logger.isLevelEnabled(failed ? 'error' : 'info')) {
      const line = {
        reqId: request.id,
        req: serializeRequest({
          id: request.id,
          method: request.method,
          url: pathOnly(request.raw.url),
          headers: request.headers,
          remoteAddress: request.socket.remoteAddress,
          remotePort: request.socket.remotePort,
        }),
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime),
        tenantId: notedTenantOf(request.raw),
      };
      if (failed) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    }
    done();
  });
}
