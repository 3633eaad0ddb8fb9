import { ROLES } from '../src/auth/principal.js';
import { registeredRoutes } from '../src/common/rest/route-registry.js';
import { routeCatalogue, type ProbeContext } from './support/route-catalogue.js';
import { hostToken, installTenant, panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Every route the app serves, as `METHOD /path`; HEAD twins of GET routes are Fastify's own. */
function appRoutes(t: TestApp): string[] {
  const routes = registeredRoutes(t.app.getHttpAdapter().getInstance());
  const keys = new Set(routes.map((route) => `${route.method} ${route.url}`));
  return [...keys]
    .filter((key) => !(key.startsWith('HEAD ') && keys.has(key.replace(/^HEAD /, 'GET '))))
    .sort();
}

describe('tenant isolation across every route', () => {
  let t: TestApp;
  let ctx: ProbeContext;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await installTenant(t, { name: `Tenant A ${Date.now()}` });
    const b = await installTenant(t);
    ctx = {
      t,
      a,
      b,
      bAuthorization: `Bearer ${await hostToken(b.secrets.panelTokenSecret, {
        tenantId: b.tenantId,
        roles: [...ROLES],
        expiresInSeconds: 900,
      })}`,
      aAuthorization: (await panelSession(t, a, ['admin'])).authorization,
      aMarkers: [a.tenantId, ...Object.values(a.secrets)],
      authorizationForA: async (roles) =>
        `Bearer ${await hostToken(a.secrets.panelTokenSecret, { tenantId: a.tenantId, roles })}`,
    };
    for (const probe of Object.values(routeCatalogue)) await probe.seed?.(ctx);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('has a probe for every registered route, and none for routes that no longer exist', () => {
    const routes = appRoutes(t);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !(route in routeCatalogue))).toEqual([]);
    expect(Object.keys(routeCatalogue).filter((key) => !routes.includes(key))).toEqual([]);
  });

  it.each(Object.keys(routeCatalogue).sort())(
    '%s: tenant B gets nothing of tenant A',
    async (key) => {
      const probe = routeCatalogue[key];
      if (probe === undefined) throw new Error(`no probe for ${key}`);
      const response = await probe.call(ctx);
      const body = await response.text();
      if (probe.expect === 'denied') {
        expect([401, 403, 404]).toContain(response.status);
      } else {
        expect(response.status).toBeLessThan(500);
      }
      const headers = JSON.stringify([...response.headers.entries()]);
      for (const marker of ctx.aMarkers) {
        expect(body).not.toContain(marker);
        expect(headers).not.toContain(marker);
      }
      await probe.verifyUnchanged?.(ctx);
    },
  );
});
