import { routeCatalogue, type ProbeContext } from './support/route-catalogue.js';
import { appRouteKeys } from './support/route-access.js';
import { authorizationFor, hostToken, installTenant, panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** How tenant B calls: its host JWT as the bearer, or a panel session it exchanged one for. */
const CREDENTIALS = ['jwt', 'session'] as const;

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
        roles: ['host', 'operator'],
        expiresInSeconds: 900,
      })}`,
      aAuthorization: (await panelSession(t, a, ['admin'])).authorization,
      aMarkers: [a.tenantId, ...Object.values(a.secrets)],
      authorizationForA: (roles) => authorizationFor(t, a, roles),
    };
    for (const probe of Object.values(routeCatalogue)) await probe.seed?.(ctx);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The context for one probe run; a session is opened per run (a probe may end it). */
  async function contextFor(credentials: (typeof CREDENTIALS)[number]): Promise<ProbeContext> {
    if (credentials === 'jwt') return ctx;
    const session = await panelSession(t, ctx.b, ['admin', 'supervisor', 'viewer']);
    return { ...ctx, bAuthorization: session.authorization };
  }

  it('has a probe for every registered route, and none for routes that no longer exist', () => {
    const routes = appRouteKeys(t.app);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !(route in routeCatalogue))).toEqual([]);
    expect(Object.keys(routeCatalogue).filter((key) => !routes.includes(key))).toEqual([]);
  });

  const cases = Object.keys(routeCatalogue)
    .sort()
    .flatMap((key) => CREDENTIALS.map((credentials) => [key, credentials] as const));

  it.each(cases)(
    '%s with B\u2019s %s: tenant B gets nothing of tenant A',
    async (key, credentials) => {
      const probe = routeCatalogue[key];
      if (probe === undefined) throw new Error(`no probe for ${key}`);
      const probeCtx = await contextFor(credentials);
      const response = await probe.call(probeCtx);
      const body = await response.text();
      if (probe.expect === 'denied') {
        expect([401, 403, 404]).toContain(response.status);
      } else {
        expect(response.status).toBeLessThan(500);
        // B's credentials themselves are valid: a 401 would mean the probe tested nothing.
        expect(response.status).not.toBe(401);
      }
      const headers = JSON.stringify([...response.headers.entries()]);
      for (const marker of probeCtx.aMarkers) {
        expect(body).not.toContain(marker);
        expect(headers).not.toContain(marker);
      }
      await probe.verifyUnchanged?.(probeCtx);
    },
  );
});
