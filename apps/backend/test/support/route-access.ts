import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../../src/auth/auth.decorators.js';
import type { Role } from '../../src/auth/principal.js';
import { registeredRoutes } from '../../src/common/rest/route-registry.js';

/** A Nest route handler and what the auth guard reads off it. */
export interface RouteAccess {
  /** `METHOD /path` as Fastify registers it, e.g. `POST /api/settings/revisions/:number/rollback`. */
  key: string;
  method: string;
  path: string;
  public: boolean;
  /** The `@Roles(...)` of the handler (or its class); undefined when none is declared. */
  roles: readonly Role[] | undefined;
}

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter((part) => part !== '')
    .join('/')}`;

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : [typeof value === 'string' ? value : ''];

/** Every route of every controller of the app, read from the same metadata the guard reads. */
export function routeAccessList(app: NestFastifyApplication): RouteAccess[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (instance === null || typeof instance !== 'object' || typeof metatype !== 'function') {
      continue;
    }
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    const prefixes = asList(Reflect.getMetadata(PATH_METADATA, metatype));
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (paths === undefined || method === undefined) continue;
      const targets = [handler, metatype];
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets);
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
      for (const prefix of prefixes) {
        for (const path of asList(paths)) {
          const full = joinPath(prefix, path);
          const verb = RequestMethod[method];
          routes.push({
            key: `${verb} ${full}`,
            method: verb,
            path: full,
            public: isPublic === true,
            roles,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** Every route Fastify serves, as `METHOD /path`; HEAD twins of GET routes are Fastify's own. */
export function appRouteKeys(app: NestFastifyApplication): string[] {
  const routes = registeredRoutes(app.getHttpAdapter().getInstance());
  const keys = new Set(routes.map((route) => `${route.method} ${route.url}`));
  return [...keys]
    .filter((key) => !(key.startsWith('HEAD ') && keys.has(key.replace(/^HEAD /, 'GET '))))
    .sort();
}
