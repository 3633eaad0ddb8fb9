import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { Env } from '../config/env.js';

export const ADMIN_PATH = '/admin';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Resolves a request path inside the dist folder, refusing anything that escapes it. */
export function resolveAsset(distDir: string, requested: string): string | null {
  const relative = normalize(decodeURIComponent(requested)).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..')) return null;
  const file = join(distDir, relative);
  if (!file.startsWith(distDir + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/**
 * Serves the built react-admin panel at /admin. Hashed assets are cached for a year; index.html
 * never, so a deploy is picked up on the next open. Unknown paths under /admin fall back to
 * index.html (client-side routes). Served by hand: @fastify/static drags in an ESM-only chain
 * that the Jest setup cannot load.
 */
export function setupAdminPanel(
  app: NestFastifyApplication,
  env: Pick<Env, 'ADMIN_DIST_DIR'>,
): void {
  const distDir = normalize(env.ADMIN_DIST_DIR);
  const indexFile = join(distDir, 'index.html');
  const fastify = app.getHttpAdapter().getInstance();

  const sendFile = (reply: FastifyReply, file: string, immutable: boolean) =>
    reply
      .header('content-type', contentTypes[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(readFileSync(file));

  const sendIndex = (reply: FastifyReply) => {
    if (!existsSync(indexFile)) {
      return reply
        .code(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('The admin panel is not built: run `pnpm build` (it builds apps/admin).');
    }
    return sendFile(reply, indexFile, false);
  };

  fastify.get(ADMIN_PATH, (_request, reply) => reply.redirect(`${ADMIN_PATH}/`, 301));
  fastify.get<{ Params: { '*': string } }>(`${ADMIN_PATH}/*`, (request, reply) => {
    const requested = request.params['*'];
    if (requested === '' || requested === 'index.html') return sendIndex(reply);
    const file = resolveAsset(distDir, requested);
    if (file) return sendFile(reply, file, requested.startsWith('assets/'));
    // A missing hashed asset is a real 404; anything else is a client-side route.
    if (requested.startsWith('assets/')) return reply.callNotFound();
    return sendIndex(reply);
  });
}
