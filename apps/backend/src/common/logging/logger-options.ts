import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Env } from '../../config/env.js';
import { leanLoggedRouteExclusions } from './lean-routes.js';
import { requestLogProps } from './request-tenant.js';

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
    'client_secret',
    'webhookSecret',
    'panelTokenSecret',
    'apiKey',
    'encryptionKey',
    'accessToken',
    'access_token',
    'refreshToken',
    'sessionToken',
  ].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

const requestIdPattern = /^[\w.:-]{1,128}$/;

/** Fastify's request id: the caller's X-Request-Id when it is a sane token, else a fresh UUID. */
export function requestId(req: Pick<IncomingMessage, 'headers'>): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
}

/** Probes and scrapers hit these every few seconds; their request lines would drown the rest. */
const quietPaths = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** A URL without its query string: queries can carry credentials (the panel's `?token=`). */
export function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

function requestPath(req: IncomingMessage): string {
  // Middleware sees `url` relative to its mount point; `originalUrl` is the full one.
  return pathOnly((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url);
}

/** What pino's standard request serializer hands on (the custom one below narrows it). */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
  remotePort?: number;
}

/**
 * The request as logged: the path without the query string (and no `query` object), since the
 * host opens the panel with `/admin/?token=<JWT>`; headers are redacted by `redactedPaths`.
 */
export function serializeRequest(req: SerializedRequest): SerializedRequest {
  return {
    id: req.id,
    method: req.method,
    url: pathOnly(req.url),
    headers: req.headers,
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}

export function loggerOptions(env: Env, destination?: DestinationStream): Params {
  const options = {
    level: env.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    autoLogging: { ignore: (req: IncomingMessage) => quietPaths.has(requestPath(req)) },
    // `reqId` on every line of the request, `tenantId` on its request line (request-tenant.ts).
    customProps: requestLogProps,
    // The status is what matters in a request line; response headers are ours and known.
    serializers: {
      req: serializeRequest,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return {
    pinoHttp: destination === undefined ? options : [options, destination],
    // nestjs-pino's default route pattern (`{/*splat}`) matches nothing on Nest 12 with Fastify,
    // which left every request unlogged; this one matches all routes, unknown ones included.
    forRoutes: [{ path: '{*all}', method: RequestMethod.ALL }],
    // Their request lines are written by a cheaper hook (lean-request-log.ts).
    exclude: leanLoggedRouteExclusions,
  };
}
