import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Env } from '../../config/env.js';

/**
 * Never written to logs. Headers carry host-issued tokens and signatures; the generic keys catch
 * secrets that end up in logged objects (install payloads, errors) up to two levels deep.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers["webhook-signature"]',
  'req.headers["x-switchboard-signature"]',
  ...[
    'password',
    'secret',
    'token',
    'clientSecret',
    'webhookSecret',
    'apiKey',
    'encryptionKey',
  ].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

const requestIdPattern = /^[\w.:-]{1,128}$/;

/** Fastify's request id: the caller's X-Request-Id when it is a sane token, else a fresh UUID. */
export function requestId(req: Pick<IncomingMessage, 'headers'>): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
}

/** Probes hit these every few seconds; their request lines would drown everything else. */
const quietPaths = new Set(['/health', '/health/live', '/health/ready']);

function requestPath(req: IncomingMessage): string {
  // Middleware sees `url` relative to its mount point; `originalUrl` is the full one.
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return url.split('?')[0] ?? '';
}

export function loggerOptions(env: Env, destination?: DestinationStream): Params {
  const options = {
    level: env.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    autoLogging: { ignore: (req: IncomingMessage) => quietPaths.has(requestPath(req)) },
    // The status is what matters in a request line; response headers are ours and known.
    serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
  };
  return {
    pinoHttp: destination === undefined ? options : [options, destination],
    // nestjs-pino's default route pattern (`{/*splat}`) matches nothing on Nest 12 with Fastify,
    // which left every request unlogged; this one matches all routes, unknown ones included.
    forRoutes: [{ path: '{*all}', method: RequestMethod.ALL }],
  };
}
