import { randomBytes, randomUUID } from 'node:crypto';
import { signedHeaders } from '@switchboard/host-contract';
import { hostToken } from '../tenants.js';
import { TEST_PLATFORM_SECRET, type TestApp } from '../test-app.js';
import type { ProbeContext, RouteProbe, RouteProbes } from './probe.js';

/**
 * A call to the platform API (`/api/platform/...`) signed as the host platform signs installs:
 * Standard Webhooks over the exact body (empty for GET and DELETE) with the platform secret.
 */
export function platformRequest(
  app: Pick<TestApp, 'baseUrl'>,
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options: { secret?: string; messageId?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const raw = body === undefined ? '' : JSON.stringify(body);
  return fetch(`${app.baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...signedHeaders(
        options.secret ?? TEST_PLATFORM_SECRET,
        options.messageId ?? `msg_${randomUUID()}`,
        raw,
      ),
      ...options.headers,
    },
    ...(body === undefined ? {} : { body: raw }),
  });
}

/** The partner A belongs to, whose theme carries a marker B must never see. */
const A_PARTNER = `probe-${randomBytes(4).toString('hex')}`;

async function seedPartner(ctx: ProbeContext): Promise<void> {
  const marker = `brandmarker${randomBytes(6).toString('hex')}`;
  const put = await platformRequest(ctx.t, 'PUT', `/api/platform/partners/${A_PARTNER}`, {
    name: marker,
    theme: { productName: marker, supportUrl: `mailto:${marker}@example.com` },
  });
  const assign = await platformRequest(
    ctx.t,
    'PUT',
    `/api/platform/tenants/${ctx.a.tenantId}/partner`,
    { partnerId: A_PARTNER },
  );
  if (put.status !== 201 || assign.status !== 200) {
    throw new Error(`seeding the partner failed: ${put.status} ${assign.status}`);
  }
  ctx.aMarkers.push(marker);
}

async function aStillBranded(ctx: ProbeContext): Promise<void> {
  const response = await fetch(`${ctx.t.baseUrl}/api/branding`, {
    headers: { authorization: ctx.aAuthorization },
  });
  const body = (await response.json()) as { partnerId?: string | null };
  if (response.status !== 200 || body.partnerId !== A_PARTNER) {
    throw new Error(`A's branding changed: ${response.status} ${JSON.stringify(body)}`);
  }
}

/**
 * B signs with the only secret it holds (its webhook secret), as if it were the platform: the
 * platform routes answer 401 and nothing of A's partner changes.
 */
const asPlatformWithBsSecret =
  (method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): RouteProbe['call'] =>
  (ctx) =>
    platformRequest(ctx.t, method, path.replace(':tenantId', ctx.a.tenantId), body, {
      secret: ctx.b.secrets.webhookSecret,
      headers: { authorization: ctx.bAuthorization },
    });

const platformProbe = (
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): RouteProbe => ({
  reason: 'platform-signed; a tenant only knows its own secrets',
  call: asPlatformWithBsSecret(method, path, body),
  expect: 'denied',
  verifyUnchanged: aStillBranded,
});

/** Probes of the panel's own routes: partners and branding, the dashboard statistics. */
export const panelRouteProbes: RouteProbes = {
  'GET /api/platform/partners': platformProbe('GET', '/api/platform/partners'),
  'GET /api/platform/partners/:partnerId': platformProbe(
    'GET',
    `/api/platform/partners/${A_PARTNER}`,
  ),
  'PUT /api/platform/partners/:partnerId': platformProbe(
    'PUT',
    `/api/platform/partners/${A_PARTNER}`,
    { name: 'taken over', theme: { productName: 'taken over' } },
  ),
  'DELETE /api/platform/partners/:partnerId': platformProbe(
    'DELETE',
    `/api/platform/partners/${A_PARTNER}`,
  ),
  'PUT /api/platform/tenants/:tenantId/partner': platformProbe(
    'PUT',
    '/api/platform/tenants/:tenantId/partner',
    { partnerId: null },
  ),
  'GET /api/branding': {
    reason: "answers the caller's own tenant's theme",
    seed: seedPartner,
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/branding`, { headers: { authorization: ctx.bAuthorization } }),
    expect: 'scoped',
  },
  'POST /api/branding/resolve': {
    reason: "a token naming A's tenant must be signed with A's panel secret",
    call: async (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/branding/resolve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token: await hostToken(ctx.b.secrets.panelTokenSecret, {
            tenantId: ctx.a.tenantId,
            roles: ['viewer'],
          }),
        }),
      }),
    expect: 'denied',
  },
  'GET /api/dashboard/stats': {
    reason: "counts of the caller's tenant only (dashboard.e2e-spec checks the numbers per tenant)",
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/dashboard/stats?days=7`, {
        headers: { authorization: ctx.bAuthorization },
      }),
    expect: 'scoped',
  },
};
