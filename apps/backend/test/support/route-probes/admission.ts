import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Ban } from '../../../src/bans/ban.entity.js';
import { OfflineCallback } from '../../../src/callbacks/offline-callback.entity.js';
import { ClientPreview } from '../../../src/client-preview/client-preview.entity.js';
import { RoutingStep } from '../../../src/routed-operators/routing-step.entity.js';
import { sql } from '../host-deliveries.js';
import type { ProbeContext, RouteProbe, RouteProbes } from './probe.js';

/** A's session with a stored preview, routing, a ban and an offline callback. */
const A_SESSION = '880001';
let aBanId: number | undefined;

/** Seeds A's admission data straight into the database, each row carrying a marker. */
async function seedAdmission(ctx: ProbeContext): Promise<void> {
  const marker = () => `admmarker${randomBytes(5).toString('hex')}`;
  const em = ctx.t.app.get(MikroORM).em.fork();
  const tenant = ctx.a.tenantId;
  const previewMarker = marker();
  const routingMarker = marker();
  const banMarker = marker();
  const contactMarker = marker();
  em.create(ClientPreview, {
    tenant,
    sessionId: A_SESSION,
    deviceType: 'mobile',
    os: 'Android',
    browser: 'Chrome',
    country: 'CZ',
    language: previewMarker,
    derivedAt: new Date(),
  });
  em.create(RoutingStep, {
    tenant,
    sessionId: A_SESSION,
    stepKey: 'ev:join:probe',
    source: 'events',
    at: new Date(),
    action: 'accepted',
    targetKind: 'operator',
    targetId: '7',
    targetName: routingMarker,
  });
  const ban = em.create(Ban, {
    tenant,
    kind: 'email',
    value: `${banMarker}@example.com`,
    identityKey: `email:${banMarker}@example.com`,
    reason: banMarker,
    duration: 'permanent',
    expiresAt: null,
    sessionId: A_SESSION,
    createdAt: new Date(),
    createdById: 'a-admin',
    createdByName: 'A admin',
    createdByRole: 'admin',
  });
  em.create(OfflineCallback, {
    tenant,
    sessionId: A_SESSION,
    packageId: null,
    name: contactMarker,
    phone: '+420777000111',
    email: null,
    leftAt: new Date(),
    cause: 'PageClosed',
    createdAt: new Date(),
    takenById: null,
    takenAt: null,
  });
  await em.flush();
  aBanId = ban.id;
  ctx.aMarkers.push(previewMarker, routingMarker, banMarker, contactMarker);
}

async function aBansUnchanged(ctx: ProbeContext): Promise<void> {
  const rows = await sql(ctx.t, 'select id, revoked_at from ban where tenant_id = ?', [
    ctx.a.tenantId,
  ]);
  if (rows.length !== 1 || rows[0]?.['revoked_at'] !== null || rows[0]?.['id'] !== aBanId) {
    throw new Error(`A's bans changed: ${JSON.stringify(rows)}`);
  }
}

const get =
  (path: (ctx: ProbeContext) => string): RouteProbe['call'] =>
  (ctx) =>
    fetch(`${ctx.t.baseUrl}${path(ctx)}`, { headers: { authorization: ctx.bAuthorization } });

/** Probes of the admission capabilities: preview, routed operators, bans, offline callbacks. */
export const admissionRouteProbes: RouteProbes = {
  'GET /api/sessions/:sessionId/preview': {
    reason: "previews are looked up under the caller's tenant",
    seed: seedAdmission,
    call: get(() => `/api/sessions/${A_SESSION}/preview`),
    expect: 'denied',
  },
  'GET /api/sessions/:sessionId/routed-operators': {
    reason: "routing steps are looked up under the caller's tenant",
    call: get(() => `/api/sessions/${A_SESSION}/routed-operators`),
    expect: 'denied',
  },
  'GET /api/offline-callbacks/:sessionId': {
    reason: "offline callbacks are looked up under the caller's tenant",
    call: get(() => `/api/offline-callbacks/${A_SESSION}`),
    expect: 'denied',
  },
  'GET /api/bans': {
    reason: "lists only the caller's tenant's bans",
    call: get(
      () => `/api/bans?filter=${encodeURIComponent(JSON.stringify({ sessionId: A_SESSION }))}`,
    ),
    expect: 'scoped',
  },
  'GET /api/bans/permissions': {
    reason: "reads the caller's tenant's setting",
    call: get(() => '/api/bans/permissions'),
    expect: 'scoped',
  },
  'GET /api/bans/:id': {
    reason: "the ban is looked up under the caller's tenant",
    call: get(() => `/api/bans/${aBanId}`),
    expect: 'denied',
  },
  'POST /api/bans': {
    reason: "a ban is created in the caller's tenant only",
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/bans`, {
        method: 'POST',
        headers: { authorization: ctx.bAuthorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'device',
          value: `b-device-${randomBytes(4).toString('hex')}`,
          sessionId: A_SESSION,
          reason: 'probe',
          duration: '1h',
        }),
      }),
    expect: 'scoped',
    verifyUnchanged: aBansUnchanged,
  },
  'POST /api/bans/:id/revoke': {
    reason: "the ban is looked up under the caller's tenant",
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/bans/${aBanId}/revoke`, {
        method: 'POST',
        headers: { authorization: ctx.bAuthorization, 'content-type': 'application/json' },
        body: JSON.stringify({}),
      }),
    expect: 'denied',
    verifyUnchanged: aBansUnchanged,
  },
};
