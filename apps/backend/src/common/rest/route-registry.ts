import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  /** The route pattern as registered, e.g. `/api/audit` or `/api/settings/revisions/:number`. */
  url: string;
}

const registries = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Starts recording every route the Fastify instance registers (Nest controllers, the docs,
 * anything added later). Must run before the routes are registered, i.e. before `init()`.
 */
export function trackRoutes(instance: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registries.set(instance, routes);
  instance.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method: String(method), url: route.url });
  });
}

/** Every route registered so far (HEAD twins of GET routes included, as Fastify adds them). */
export function registeredRoutes(instance: FastifyInstance): readonly RegisteredRoute[] {
  return registries.get(instance) ?? [];
}
