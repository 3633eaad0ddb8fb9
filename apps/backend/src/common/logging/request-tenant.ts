import type { IncomingMessage } from 'node:http';
import { tenantIdSchema } from '@switchboard/host-contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../auth/auth.decorators.js';

function tenantIn(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const parsed = tenantIdSchema.safeParse((value as { tenantId?: unknown }).tenantId);
  return parsed.success ? parsed.data : null;
}

/**
 * The tenant a request concerns, for its log lines: the authenticated principal's, else the one
 * the request names (`/webhooks/:tenantId`, or `tenantId` in a hook, install or uninstall body),
 * so that a refused delivery for a tenant is still found under that tenant. Null for the rest
 * (health, docs, the panel's static files). Never use it to authorize anything.
 */
export function tenantOfRequest(request: FastifyRequest): string | null {
  return (
    principalOf(request)?.tenantId ?? tenantIn(request.params) ?? tenantIn(request.body) ?? null
  );
}

const notedTenants = new WeakMap<IncomingMessage, string | null>();

/**
 * Notes each request's tenant on the raw request just before the reply goes out (an `onSend`
 * hook: guards and handlers have run by then), where the request log line, written when the
 * response finishes, picks it up (`requestLogProps`).
 */
export function trackRequestTenants(instance: FastifyInstance): void {
  instance.addHook('onSend', (request, _reply, payload, done) => {
    notedTenants.set(request.raw, tenantOfRequest(request));
    done(null, payload);
  });
}

/** The tenant the `onSend` hook noted for this request (null when none, or not noted yet). */
export function notedTenantOf(req: IncomingMessage): string | null {
  return notedTenants.get(req) ?? null;
}

const started = new WeakSet<IncomingMessage>();

/**
 * pino-http's `customProps`: called when the request starts (its bindings go on every line logged
 * while it is served) and again when it finishes (added to the request line only if they differ).
 * The first call binds `reqId`; the second adds `tenantId`, known only by then, so neither key is
 * written twice.
 */
export function requestLogProps(req: IncomingMessage & { id?: unknown }): Record<string, unknown> {
  if (!started.has(req)) {
    started.add(req);
    return { reqId: req.id };
  }
  return { tenantId: notedTenants.get(req) ?? null };
}
