import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** With SANDBOX_CONTROL_TOKEN set, /control needs it as a bearer token or `x-control-token`. */
export function requireControlToken(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    const given =
      (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined) ??
      (typeof request.headers['x-control-token'] === 'string'
        ? request.headers['x-control-token']
        : undefined);
    if (!given || !same(given, token)) {
      return reply.code(401).send({ code: 'unauthorized', message: 'Control token required' });
    }
  });
}
