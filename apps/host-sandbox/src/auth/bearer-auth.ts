import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../sandbox-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant of the bearer token's API client; set on every /api/v1 call. */
    tenantId: number;
    /** The body as received, for signature checks. */
    rawBody: string | null;
  }
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/** Every call in this scope needs a live bearer token; 401 otherwise. (`tenantId` is decorated at the root.) */
export function requireBearer(app: FastifyInstance, ctx: SandboxContext): void {
  app.addHook('onRequest', async (request, reply) => {
    const token = bearer(request);
    const now = Date.now();
    const found = token ? ctx.store.state.tokens.find((t) => t.token === token) : undefined;
    const client = found
      ? ctx.store.state.oauthClients.find((c) => c.clientId === found.clientId)
      : undefined;
    if (!found || Date.parse(found.expiresAt) <= now || !client || client.revoked) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send({ code: 'unauthorized', message: 'A valid bearer token is required' });
    }
    request.tenantId = found.tenantId;
  });
}
