import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context.js';

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Client credentials may also come as HTTP Basic (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): [string, string] | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** `POST /login/connect/token`: OAuth 2.0 client credentials, form-encoded, one-hour bearer tokens. */
export function registerTokenRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/login/connect/token', async (request, reply) => {
    const grantType = field(request.body, 'grant_type');
    if (grantType !== 'client_credentials') {
      return reply.code(400).send({ error: 'unsupported_grant_type' });
    }
    const basic = basicCredentials(request.headers.authorization);
    const clientId = field(request.body, 'client_id') ?? basic?.[0];
    const clientSecret = field(request.body, 'client_secret') ?? basic?.[1];
    const s = ctx.store.state;
    const client = s.oauthClients.find((c) => c.clientId === clientId && !c.revoked);
    if (!client || client.clientSecret !== clientSecret) {
      return reply.code(400).send({ error: 'invalid_client' });
    }
    const ttl = ctx.env.SANDBOX_TOKEN_TTL_SECONDS;
    const token = randomBytes(32).toString('base64url');
    s.tokens.push({
      token,
      clientId: client.clientId,
      tenantId: client.tenantId,
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
    });
    ctx.store.changed();
    return { access_token: token, expires_in: ttl, token_type: 'Bearer', scope: 'mluviiPublicApi' };
  });
}
