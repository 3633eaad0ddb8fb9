import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service.js';
import { REQUEST_BUCKETS } from './metrics.service.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Times every HTTP request by route template (`/webhooks/:tenantId`, never the filled path),
 * method and status. Requests that matched no route share the route `unmatched`, so scanners
 * probing random paths cannot mint series.
 */
export function instrumentHttp(instance: FastifyInstance, metrics: MetricsService): void {
  const duration = metrics.histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP requests served, by route template, method and status (count = requests)',
    labelNames: ['route', 'method', 'status'],
    buckets: REQUEST_BUCKETS,
  });
  instance.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        route: request.routeOptions.url ?? 'unmatched',
        method: METHODS.has(request.method) ? request.method : 'OTHER',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
