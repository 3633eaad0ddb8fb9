import { RequestMethod } from '@nestjs/common';

/**
 * Routes whose request line is written by a Fastify `onResponse` hook (lean-request-log.ts) instead of
 * pino-http's middleware, and which the per-request middleware (pino-http, the request context
 * of the audit log, MikroORM's request context) skip. For the host's webhook deliveries: at
 * webhook rates those middleware cost more CPU than verifying and storing the delivery (profiled
 * under the ingest benchmark: pino-http's child logger and request line alone about a fifth of the
 * service's busy time, mostly its wildcard redaction of secrets that a request line never
 * holds). Nothing under these routes logs on its own or records audit entries.
 */
export const LEAN_LOGGED_ROUTES = [
  { method: RequestMethod.POST, path: 'webhooks/:tenantId', url: '/webhooks/:tenantId' },
] as const;

/** The same routes in the form Nest's `MiddlewareConsumer.exclude` takes. */
export const leanLoggedRouteExclusions = LEAN_LOGGED_ROUTES.map(({ method, path }) => ({
  method,
  path,
}));

export const leanRouteKeys = new Set(
  LEAN_LOGGED_ROUTES.map(({ method, url }) => `${RequestMethod[method]} ${url}`),
);
