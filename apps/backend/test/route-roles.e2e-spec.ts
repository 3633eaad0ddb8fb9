import { MikroORM } from '@mikro-orm/core';
import type { Role } from '../src/auth/principal.js';
import { appRouteKeys, routeAccessList, type RouteAccess } from './support/route-access.js';
import { authorizationFor, installTenant, type InstalledTenant } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Served by Fastify plugins outside Nest's router (no guard runs): static, tenant-free pages. */
const STATIC_ROUTES = [
  'GET /admin',
  'GET /admin/*',
  'GET /docs',
  'GET /docs/:asset',
  'GET /docs/openapi.json',
  'GET /docs/swagger-initializer.js',
];

/** The roles that never get write access by themselves. */
const LIMITED_ROLES: Role[] = ['viewer', 'supervisor', 'operator', 'host'];

/**
 * A request that would change something if the role check let it through (valid body, current
 * If-Match), so "no new revision" below means the guard stopped it, not the validation.
 */
function sampleRequest(
  route: RouteAccess,
  version: number,
): { path: string; body?: unknown; ifMatch?: string } {
  const ifMatch = `"${version}"`;
  switch (route.key) {
    case 'PATCH /api/settings':
      return { path: route.path, ifMatch, body: { values: { 'email.queueOrder': 'newest' } } };
    case 'PUT /api/settings/packages/:packageId/:key':
      return {
        path: '/api/settings/packages/web/chat.clientHistory',
        ifMatch,
        body: { value: true },
      };
    case 'DELETE /api/settings/packages/:packageId/:key':
      return { path: '/api/settings/packages/web/chat.clientHistory', ifMatch };
    case 'POST /api/settings/revisions/:number/rollback':
      return { path: '/api/settings/revisions/1/rollback', ifMatch };
    case 'POST /api/settings/import':
      return {
        path: route.path,
        ifMatch,
        body: {
          format: 'switchboard.settings',
          formatVersion: 1,
          settings: { tenant: {}, packages: {} },
        },
      };
    default:
      return { path: route.path.replace(/:\w+/g, '1') };
  }
}

describe('role declarations and role limits on every route', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
  let routes: RouteAccess[];

  const sql = async (query: string, params: unknown[]): Promise<Record<string, unknown>[]> =>
    (await t.app.get(MikroORM).em.getConnection().execute(query, params)) as Record<
      string,
      unknown
    >[];

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await installTenant(t);
    routes = routeAccessList(t.app);
    // Two revisions exist, so a rollback or a package clear would have something to do.
    const admin = await authorizationFor(t, tenant, ['admin']);
    for (const [method, path, body, ifMatch] of [
      ['PATCH', '/api/settings', { values: { 'email.queueOrder': 'oldest' } }, '"0"'],
      ['PUT', '/api/settings/packages/web/chat.clientHistory', { value: false }, '"1"'],
    ] as const) {
      const response = await fetch(`${t.baseUrl}${path}`, {
        method,
        headers: { authorization: admin, 'content-type': 'application/json', 'if-match': ifMatch },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('knows every served route: Nest handlers plus the static pages', () => {
    const handled = routes.map((route) => route.key);
    expect(handled.length).toBeGreaterThan(10);
    expect(appRouteKeys(t.app).filter((key) => !handled.includes(key))).toEqual(STATIC_ROUTES);
  });

  it('every non-public route declares the roles it admits (nothing is open to any role)', () => {
    const undeclared = routes
      .filter((route) => !route.public && (route.roles === undefined || route.roles.length === 0))
      .map((route) => route.key);
    expect(undeclared).toEqual([]);
  });

  const writes = (): { route: RouteAccess; role: Role }[] =>
    routes
      .filter((route) => !route.public && route.method !== 'GET')
      .flatMap((route) =>
        LIMITED_ROLES.filter((role) => !(route.roles ?? []).includes(role)).map((role) => ({
          route,
          role,
        })),
      );

  it('refuses every write to each role it does not declare: 403, audited, nothing written', async () => {
    const cases = writes();
    // The settings writes at least; a route list that lost them would make this test hollow.
    expect(cases.map(({ route }) => route.key)).toEqual(
      expect.arrayContaining([
        'PATCH /api/settings',
        'PUT /api/settings/packages/:packageId/:key',
        'DELETE /api/settings/packages/:packageId/:key',
        'POST /api/settings/revisions/:number/rollback',
        'POST /api/settings/import',
      ]),
    );
    const authorizations = new Map<Role, string>();
    for (const role of LIMITED_ROLES) {
      authorizations.set(role, await authorizationFor(t, tenant, [role]));
    }
    const revisions = async (): Promise<number> =>
      Number(
        (
          await sql('select count(*) as n from settings_revision where tenant_id = ?', [
            tenant.tenantId,
          ])
        )[0]?.['n'],
      );
    const denials = async (routeKey: string): Promise<number> =>
      Number(
        (
          await sql(
            "select count(*) as n from audit_entry where tenant_id = ? and action = 'auth.role_denied' and target_id = ?",
            [tenant.tenantId, routeKey],
          )
        )[0]?.['n'],
      );
    const before = await revisions();
    expect(before).toBe(2);

    const failures: string[] = [];
    for (const { route, role } of cases) {
      const sample = sampleRequest(route, before);
      const deniedBefore = await denials(route.key);
      const response = await fetch(`${t.baseUrl}${sample.path}`, {
        method: route.method,
        headers: {
          authorization: authorizations.get(role) ?? '',
          ...(sample.ifMatch === undefined ? {} : { 'if-match': sample.ifMatch }),
          ...(sample.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(sample.body === undefined ? {} : { body: JSON.stringify(sample.body) }),
      });
      const body = (await response.json()) as { code?: string };
      const audited = (await denials(route.key)) - deniedBefore;
      if (response.status !== 403 || body.code !== 'forbidden_role' || audited !== 1) {
        failures.push(
          `${route.key} as ${role}: ${response.status} ${body.code} audited ${audited}`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect(await revisions()).toBe(before);
  });
});
