import { randomUUID } from 'node:crypto';
import { signedHeaders } from '@switchboard/host-contract';
import { AuditService } from '../../../src/audit/audit.service.js';
import { hostToken, installRequest } from '../tenants.js';
import type { ProbeContext, RouteProbe, RouteProbes } from './probe.js';

const get =
  (path: (ctx: ProbeContext) => string): RouteProbe['call'] =>
  (ctx) =>
    fetch(`${ctx.t.baseUrl}${path(ctx)}`, { headers: { authorization: ctx.bAuthorization } });

const publicRoute = (path: string, reason: string): RouteProbe => ({
  reason,
  call: get(() => path),
  expect: 'scoped',
});

async function aStillInstalled(ctx: ProbeContext): Promise<void> {
  const response = await fetch(`${ctx.t.baseUrl}/api/auth/me`, {
    headers: { authorization: await ctx.authorizationForA(['viewer']) },
  });
  if (response.status !== 200)
    throw new Error(`tenant A was changed: /me answered ${response.status}`);
}

/** Probes of the routes of installation, auth, audit, health and the docs. */
export const coreRouteProbes: RouteProbes = {
  'GET /health': publicRoute('/health', 'public; service-level status only'),
  'GET /health/ready': publicRoute('/health/ready', 'public; service-level status only'),
  'GET /health/live': publicRoute('/health/live', 'public; constant answer'),
  'GET /docs': publicRoute('/docs', 'public; static page'),
  'GET /docs/openapi.json': publicRoute('/docs/openapi.json', 'public; generated from code'),
  'GET /docs/swagger-initializer.js': publicRoute('/docs/swagger-initializer.js', 'public; static'),
  'GET /docs/:asset': publicRoute('/docs/swagger-ui.css', 'public; static assets'),
  'GET /admin': publicRoute('/admin', 'public; redirect to the panel'),
  'GET /admin/*': publicRoute('/admin/', 'public; the built panel, no tenant data'),

  'POST /install': {
    reason: 'platform-signed; a tenant only knows its own webhook secret',
    call: (ctx) => {
      // B tries to take over A's installation, signing with the only secret it has.
      const body = JSON.stringify(installRequest({ tenantId: ctx.a.tenantId }));
      return fetch(`${ctx.t.baseUrl}/install`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: ctx.bAuthorization,
          ...signedHeaders(ctx.b.secrets.webhookSecret, `msg_${randomUUID()}`, body),
        },
        body,
      });
    },
    expect: 'denied',
    verifyUnchanged: aStillInstalled,
  },
  'POST /uninstall': {
    reason: 'platform-signed; a tenant only knows its own webhook secret',
    call: (ctx) => {
      const body = JSON.stringify({ tenantId: ctx.a.tenantId });
      return fetch(`${ctx.t.baseUrl}/uninstall`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: ctx.bAuthorization,
          ...signedHeaders(ctx.b.secrets.webhookSecret, `msg_${randomUUID()}`, body),
        },
        body,
      });
    },
    expect: 'denied',
    verifyUnchanged: aStillInstalled,
  },

  'POST /api/auth/session': {
    reason: "a token naming A's tenant must be signed with A's secret",
    call: async (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token: await hostToken(ctx.b.secrets.panelTokenSecret, {
            tenantId: ctx.a.tenantId,
            roles: ['admin'],
          }),
        }),
      }),
    expect: 'denied',
  },
  'DELETE /api/auth/session': {
    reason: 'ends only the session the caller presents',
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/auth/session`, {
        method: 'DELETE',
        headers: { authorization: ctx.bAuthorization },
      }),
    expect: 'scoped',
    verifyUnchanged: async (ctx) => {
      const response = await fetch(`${ctx.t.baseUrl}/api/auth/me`, {
        headers: { authorization: ctx.aAuthorization },
      });
      if (response.status !== 200) throw new Error(`A's session was ended: ${response.status}`);
    },
  },
  'GET /api/auth/me': {
    reason: "answers the caller's own principal and tenant",
    call: get(() => '/api/auth/me'),
    expect: 'scoped',
  },

  'GET /api/audit': {
    reason: "every query is filtered by the caller's tenant",
    seed: async (ctx) => {
      const marker = `audit-marker-${randomUUID()}`;
      await ctx.t.app.get(AuditService).record({
        tenantId: ctx.a.tenantId,
        actor: { type: 'user', id: marker, name: marker },
        action: 'isolation.seeded',
        target: { type: 'probe', id: marker },
      });
      ctx.aMarkers.push(marker);
    },
    call: get(
      () =>
        `/api/audit?range=[0,499]&filter=${encodeURIComponent(JSON.stringify({ targetType: 'probe' }))}`,
    ),
    expect: 'scoped',
  },
  'GET /api/audit/export.csv': {
    reason: "every query is filtered by the caller's tenant",
    call: get(() => '/api/audit/export.csv'),
    expect: 'scoped',
  },
};
