import { randomBytes } from 'node:crypto';
import type { ProbeContext, RouteProbe, RouteProbes } from './probe.js';

/** A's settings version after seeding; every probe that writes checks it did not move. */
let seededVersion: number | undefined;

const call =
  (
    method: string,
    path: (ctx: ProbeContext) => string,
    options: { body?: (ctx: ProbeContext) => unknown; ifMatch?: string } = {},
  ): RouteProbe['call'] =>
  (ctx) =>
    fetch(`${ctx.t.baseUrl}${path(ctx)}`, {
      method,
      headers: {
        authorization: ctx.bAuthorization,
        ...(options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch }),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body(ctx)) }),
    });

async function aSettingsUnchanged(ctx: ProbeContext): Promise<void> {
  const response = await fetch(`${ctx.t.baseUrl}/api/settings`, {
    headers: { authorization: ctx.aAuthorization },
  });
  const body = (await response.json()) as { version?: number };
  if (response.status !== 200 || body.version !== seededVersion) {
    throw new Error(`A's settings changed: ${response.status}, version ${body.version}`);
  }
}

/** A's package (its id is echoed in answers, so it is not a marker; its values are). */
const A_PACKAGE = 'probe-web';

/**
 * Seeds A with settings whose values carry markers: a company address at the tenant level, an
 * exception note in a package override, so three revisions exist to aim at.
 */
async function seedSettings(ctx: ProbeContext): Promise<void> {
  const marker = `settingsmarker${randomBytes(6).toString('hex')}`;
  const send = async (method: string, path: string, ifMatch: string, body: unknown) => {
    const response = await fetch(`${ctx.t.baseUrl}${path}`, {
      method,
      headers: {
        authorization: ctx.aAuthorization,
        'content-type': 'application/json',
        'if-match': ifMatch,
      },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) {
      throw new Error(`seeding settings failed: ${response.status} ${await response.text()}`);
    }
  };
  await send('PATCH', '/api/settings', '"0"', {
    values: {
      'chat.transcriptReplyTo': { mode: 'company', companyAddress: `${marker}@example.com` },
    },
  });
  await send('PUT', `/api/settings/packages/${A_PACKAGE}/chat.offlineCallback`, '"1"', {
    value: {
      enabled: true,
      timeZone: 'Europe/Prague',
      weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      exceptions: [
        { date: '2030-12-24', intervals: [{ start: '08:00', end: '12:00' }], note: marker },
      ],
    },
  });
  await send('PATCH', '/api/settings', '"2"', { values: { 'email.queueOrder': 'oldest' } });
  seededVersion = 3;
  ctx.aMarkers.push(marker);
}

const scopedRead = (reason: string, path: (ctx: ProbeContext) => string): RouteProbe => ({
  reason,
  call: call('GET', path),
  expect: 'scoped',
});

const scopedWrite = (reason: string, probe: RouteProbe['call']): RouteProbe => ({
  reason,
  call: probe,
  expect: 'scoped',
  verifyUnchanged: aSettingsUnchanged,
});

const TENANT = "every read and write is keyed by the caller's tenant, never by a parameter";

/** Probes of the settings routes (panel API and the host's effective read). */
export const settingsRouteProbes: RouteProbes = {
  'GET /api/settings': {
    ...scopedRead(TENANT, () => '/api/settings'),
    seed: seedSettings,
  },
  'PATCH /api/settings': scopedWrite(
    TENANT,
    call('PATCH', () => '/api/settings', {
      ifMatch: '"3"',
      body: () => ({ values: { 'email.queueOrder': 'newest', 'chat.transcriptReplyTo': null } }),
    }),
  ),
  'GET /api/settings/schema': scopedRead(TENANT, () => '/api/settings/schema'),
  'GET /api/settings/packages/:packageId': scopedRead(
    TENANT,
    () => `/api/settings/packages/${A_PACKAGE}`,
  ),
  'PUT /api/settings/packages/:packageId/:key': scopedWrite(
    TENANT,
    call('PUT', () => `/api/settings/packages/${A_PACKAGE}/chat.clientHistory`, {
      ifMatch: '"3"',
      body: () => ({ value: true }),
    }),
  ),
  'DELETE /api/settings/packages/:packageId/:key': scopedWrite(
    TENANT,
    call('DELETE', () => `/api/settings/packages/${A_PACKAGE}/chat.offlineCallback`, {
      ifMatch: '"3"',
    }),
  ),
  'GET /api/settings/revisions': scopedRead(TENANT, () => '/api/settings/revisions?range=[0,99]'),
  'GET /api/settings/revisions/:number': scopedRead(TENANT, () => '/api/settings/revisions/2'),
  'GET /api/settings/revisions/:number/diff': scopedRead(
    TENANT,
    () => '/api/settings/revisions/3/diff?against=0',
  ),
  'POST /api/settings/revisions/:number/rollback': scopedWrite(
    TENANT,
    call('POST', () => '/api/settings/revisions/1/rollback', { ifMatch: '"3"' }),
  ),
  'GET /api/settings/export': scopedRead(TENANT, () => '/api/settings/export'),
  'POST /api/settings/import': scopedWrite(
    TENANT,
    call('POST', () => '/api/settings/import', {
      ifMatch: '"3"',
      body: (ctx) => ({
        format: 'switchboard.settings',
        formatVersion: 1,
        tenantId: ctx.a.tenantId,
        settings: { tenant: {}, packages: {} },
      }),
    }),
  ),
  'GET /api/host/settings/effective': scopedRead(
    TENANT,
    () => `/api/host/settings/effective?packageId=${A_PACKAGE}`,
  ),
};
