import type { FastifyInstance } from 'fastify';

/** How often, while closing, connections that have become idle are closed. */
const SWEEP_MS = 100;

/**
 * Lets the HTTP server finish closing once its last response is sent. Node closes the idle
 * keep-alive connections when `close()` starts, but one busy at that moment stays open after its
 * response until the keep-alive timeout (72 s in Fastify 5), and the shutdown waits for it: a host
 * that delivered a webhook just then held a restart for over a minute. While closing, idle
 * connections are closed as they appear; after `graceMs` every connection left is closed.
 */
export function closeConnectionsAtShutdown(instance: FastifyInstance, graceMs: number): void {
  let sweep: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  instance.addHook('preClose', (done) => {
    sweep = setInterval(() => instance.server.closeIdleConnections(), SWEEP_MS);
    sweep.unref();
    deadline = setTimeout(() => instance.server.closeAllConnections(), graceMs);
    deadline.unref();
    done();
  });
  instance.addHook('onClose', (_instance, done) => {
    clearInterval(sweep);
    clearTimeout(deadline);
    done();
  });
}
