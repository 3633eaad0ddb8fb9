import { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { join } from 'node:path';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { backendDir } from '../../config/paths.js';

type HeaderValue = number | string | readonly string[];
type HelmetMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** The `helmet` that @fastify/helmet wraps (the same copy and version, not a second one). */
function loadHelmet(): (options: object) => HelmetMiddleware {
  const fromBackend = createRequire(join(backendDir, 'package.json'));
  const fromPlugin = createRequire(fromBackend.resolve('@fastify/helmet'));
  return fromPlugin('helmet') as (options: object) => HelmetMiddleware;
}

/**
 * The headers helmet sets with these options, worked out once. @fastify/helmet builds helmet's
 * middleware anew for every request (its options parsed, the CSP directives serialized again),
 * which profiled at ~5% of the CPU of a webhook delivery. Without per-request options (CSP
 * nonces, per-route overrides; none are used) helmet's output is the same for every request.
 */
export function helmetHeaders(
  options: FastifyHelmetOptions,
): ReadonlyArray<readonly [string, HeaderValue]> {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  let failure: unknown;
  loadHelmet()(options)(response.req, response, (error) => {
    failure = error;
  });
  if (failure !== undefined) {
    throw failure instanceof Error ? failure : new Error('helmet failed', { cause: failure });
  }
  const headers = Object.entries(response.getHeaders()).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, value] as const],
  );
  if (headers.length === 0) throw new Error('helmet set no headers');
  return headers;
}

/** Sets helmet's headers (for these options) on every response, as @fastify/helmet did. */
export function securityHeaders(instance: FastifyInstance, options: FastifyHelmetOptions): void {
  const headers = helmetHeaders(options);
  instance.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
