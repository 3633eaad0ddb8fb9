import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';

export interface RequestContext {
  /** Fastify's request id (the caller's X-Request-Id when sane), also in every log line. */
  readonly requestId: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the HTTP request being served, or undefined outside one (jobs, listeners). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Opens a request context around the rest of the request's handling, so code deep below a
 * controller (the audit log) can tell which request it serves without threading it through.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: IncomingMessage & { id?: unknown }, _res: ServerResponse, next: () => void): void {
    // @fastify/middie copies Fastify's request id onto the raw request.
    const requestId = typeof req.id === 'string' ? req.id : null;
    storage.run({ requestId }, next);
  }
}
