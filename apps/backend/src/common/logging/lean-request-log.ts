import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Env } from '../../config/env.js';
import { pathOnly, redactedPaths, serializeRequest } from './logger-options.js';
import { leanRouteKeys } from './lean-routes.js';
import { notedTenantOf } from './request-tenant.js';

/**
 * The header names `redactedPaths` censors, plus its generic secret keys as header names: the
 * request line carries no other object where a secret could be.
 */
const redactedHeaders = new Set([
  ...redactedPaths
    .filter((path) => path.startsWith('req.headers'))
    .map((path) => path.replace(/^req\.headers(\.|\[")/, '').replace(/"\]$/, '')),
  ...redactedPaths.filter((path) => !path.includes('.')).map((key) => key.toLowerCase()),
]);

/** The headers with the secret ones censored, as pino's redaction writes them. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in headers) {
    out[name] = redactedHeaders.has(name) ? '[redacted]' : headers[name];
  }
  return out;
}

/**
 * The request lines' logger: the service's level and destination; the headers are censored by
 * hand (redactHeaders), which costs a fraction of pino's path-based redaction of every line.
 */
export function leanRequestLogger(env: Env, destination: DestinationStream): Logger {
  return pino({ level: env.LOG_LEVEL }, destination);
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
          headers: redactHeaders(request.headers),
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
