import type { Role } from '../../../src/auth/principal.js';
import type { InstalledTenant } from '../tenants.js';
import type { TestApp } from '../test-app.js';

/**
 * What a route probe gets: tenant A (the victim, whose data was seeded by every probe's `seed`)
 * and tenant B (the caller), both installed on the same app.
 */
export interface ProbeContext {
  t: TestApp;
  a: InstalledTenant;
  b: InstalledTenant;
  /**
   * Tenant B's credentials. Every probe runs twice: with B's host JWT (roles host and operator,
   * the ones that present it directly) and with a fresh panel session of B (admin, supervisor
   * and viewer), so between them role checks never hide a leak.
   */
  bAuthorization: string;
  /** `Bearer <session>` of tenant A as admin, for seeding A's data over the API. */
  aAuthorization: string;
  /** Strings that occur only in tenant A's data; seeds add theirs. None may reach B. */
  aMarkers: string[];
  /** A's authorization header for the given roles (host JWT or panel session, by role). */
  authorizationForA(roles: Role[]): Promise<string>;
}

export interface RouteProbe {
  /** Why tenant B cannot reach A's data through this route, in a few words. */
  reason: string;
  /** Creates the data of A this route could leak or change (runs once, before any probe). */
  seed?: (ctx: ProbeContext) => Promise<void>;
  /** Calls the route as B, aimed at A's data (A's ids in the path, query or body). */
  call: (ctx: ProbeContext) => Promise<Response>;
  /**
   * `denied`: the answer must be 401, 403 or 404. `scoped`: any answer, but its body must hold
   * none of A's markers (B only ever sees its own data).
   */
  expect: 'denied' | 'scoped';
  /** Checks afterwards that A's data is as it was (for routes that change things). */
  verifyUnchanged?: (ctx: ProbeContext) => Promise<void>;
}

/** `METHOD /path` exactly as Fastify registered it, e.g. `GET /api/settings/revisions/:number`. */
export type RouteProbes = Readonly<Record<string, RouteProbe>>;
