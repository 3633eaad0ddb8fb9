import { MikroORM } from '@mikro-orm/core';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { AuditService } from '../src/audit/audit.service.js';
import type { Role } from '../src/auth/principal.js';
import {
  authorizationFor,
  installTenant,
  type InstalledTenant,
  panelSession,
} from './support/tenants.js';
import { eventually, sql } from './support/host-deliveries.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Row {
  id: number;
  action: string;
  actorId: string;
  outcome: string;
  targetId: string | null;
  occurredAt: string;
  after: unknown;
  details: unknown;
}

describe('audit log API', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
  let other: InstalledTenant;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await installTenant(t);
    other = await installTenant(t);
    // Each install also starts the anonymization backfill, audited as it starts (asynchronously).
    // This suite's fixtures are the entries it records below, so those two are set aside first.
    await eventually(
      async () =>
        (
          await sql(
            t,
            "select count(*) as n from audit_entry where action = 'anonymization.backfill_started'",
          )
        )[0]?.['n'] == 2
          ? true
          : undefined,
      15_000,
      'the install backfills to be audited',
    );
    await sql(t, "delete from audit_entry where action = 'anonymization.backfill_started'");
    const audit = t.app.get(AuditService);
    const user = (id: string): { type: 'user'; id: string; name: string } => ({
      type: 'user',
      id,
      name: `User ${id}`,
    });
    await audit.record({
      tenantId: tenant.tenantId,
      actor: user('eva'),
      action: 'settings.updated',
      target: { type: 'settings', id: 'general' },
      before: { limit: 1 },
      after: { limit: 2, smtpPassword: 'never-show-me', nested: { apiToken: 'nor-me' } },
    });
    await audit.record({
      tenantId: tenant.tenantId,
      actor: user('adam'),
      action: 'settings.rolled_back',
      target: { type: 'revision', id: '3' },
    });
    await audit.record({
      tenantId: tenant.tenantId,
      actor: user('=cmd|calc'),
      action: 'bans.created',
      target: { type: 'ban', id: 'b, "quoted"\nline' },
      outcome: 'failed',
      details: { reason: 'test', credential: 'hidden' },
    });
    await audit.record({
      tenantId: other.tenantId,
      actor: user('mallory'),
      action: 'settings.updated',
      target: { type: 'settings', id: 'general' },
    });
    admin = (await panelSession(t, tenant, ['admin'])).authorization;
  });

  afterAll(async () => {
    await t?.close();
  });

  const list = (query: Record<string, string>, authorization = admin): Promise<Response> =>
    fetch(`${t.baseUrl}/api/audit?${new URLSearchParams(query).toString()}`, {
      headers: { authorization },
    });

  it("lists only the caller tenant's entries, newest first, with Content-Range", async () => {
    const response = await list({});
    expect(response.status).toBe(200);
    const rows = (await response.json()) as Row[];
    // installation.installed + the three recorded above; nothing of the other tenant.
    expect(rows.map((row) => row.action)).toEqual([
      'bans.created',
      'settings.rolled_back',
      'settings.updated',
      'installation.installed',
    ]);
    expect(rows.some((row) => row.actorId === 'mallory')).toBe(false);
    expect(response.headers.get('content-range')).toBe('audit 0-3/4');
    expect(response.headers.get('access-control-expose-headers')).toBe('Content-Range');
  });

  it('pages and sorts as react-admin asks', async () => {
    const response = await list({ sort: '["action","ASC"]', range: '[1,2]' });
    const rows = (await response.json()) as Row[];
    expect(rows.map((row) => row.action)).toEqual([
      'installation.installed',
      'settings.rolled_back',
    ]);
    expect(response.headers.get('content-range')).toBe('audit 1-2/4');
  });

  it('filters by action (exact or prefix), actor, outcome, target, time and text', async () => {
    const actions = async (filter: Record<string, unknown>): Promise<string[]> => {
      const response = await list({ filter: JSON.stringify(filter) });
      expect(response.status).toBe(200);
      return ((await response.json()) as Row[]).map((row) => row.action);
    };
    expect(await actions({ action: 'settings.' })).toEqual([
      'settings.rolled_back',
      'settings.updated',
    ]);
    expect(await actions({ action: 'settings.updated' })).toEqual(['settings.updated']);
    expect(await actions({ action: 'settings' })).toEqual([]);
    expect(await actions({ actorId: 'adam' })).toEqual(['settings.rolled_back']);
    expect(await actions({ outcome: 'failed' })).toEqual(['bans.created']);
    expect(await actions({ targetType: 'revision', targetId: '3' })).toEqual([
      'settings.rolled_back',
    ]);
    expect(await actions({ q: 'USER EVA' })).toEqual(['settings.updated']);
    expect(await actions({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await actions({ to: new Date(Date.now() + 60_000).toISOString() })).toHaveLength(4);
  });

  it('refuses bad list parameters with 422 and field paths', async () => {
    const response = await list({
      filter: '{"outcome":"maybe","tenantId":"x"}',
      sort: '["tenantId","ASC"]',
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((error) => error.path).sort()).toEqual([
      'filter.outcome',
      'filter.tenantId',
      'sort.0',
    ]);
  });

  it('keeps credential-like keys out of stored entries', async () => {
    const rows = (await (await list({ filter: '{"action":"settings.updated"}' })).json()) as Row[];
    expect(rows[0]?.after).toEqual({ limit: 2, nested: {} });
    const raw = JSON.stringify(
      await t.app.get(MikroORM).em.getConnection().execute('select * from audit_entry'),
    );
    for (const secret of ['never-show-me', 'nor-me', 'hidden', tenant.secrets.clientSecret]) {
      expect(raw).not.toContain(secret);
    }
  });

  it('exports CSV with a BOM, a header row, RFC 4180 quoting and formula neutralising', async () => {
    const response = await fetch(
      `${t.baseUrl}/api/audit/export.csv?filter=${encodeURIComponent('{"action":"bans."}')}`,
      { headers: { authorization: admin } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'id,occurredAt,actorType,actorId,actorName,action,targetType,targetId,outcome,before,after,details,requestId',
    );
    expect(text).toContain(
      `,user,'=cmd|calc,User =cmd|calc,bans.created,ban,"b, ""quoted""\nline",failed,,,"{""reason"":""test""}",`,
    );
    expect(text).not.toContain('hidden');
    expect(text).not.toContain('mallory');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('exports every entry of the tenant, oldest first, across batches', async () => {
    // More rows than one export batch (500), written in one statement to keep the test fast.
    await t.app
      .get(MikroORM)
      .em.fork()
      .insertMany(
        AuditEntry,
        Array.from({ length: 520 }, () =>
          Object.assign(new AuditEntry(), {
            tenantId: tenant.tenantId,
            actorType: 'system',
            actorId: 'job',
            action: 'bulk.test',
          }),
        ),
      );
    const response = await fetch(`${t.baseUrl}/api/audit/export.csv`, {
      headers: { authorization: admin },
    });
    const lines = (await response.text()).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 4 + 520);
    expect(lines[1]).toContain('installation.installed');
    expect(lines.at(-1)).toContain('bulk.test');
  });

  it.each<[Role, number]>([
    ['admin', 200],
    ['supervisor', 200],
    ['viewer', 200],
    ['operator', 403],
    ['host', 403],
  ])('lets %s read the audit log and its export: %i', async (role, status) => {
    const authorization = await authorizationFor(t, tenant, [role]);
    const listed = await list({}, authorization);
    expect(listed.status).toBe(status);
    const exported = await fetch(`${t.baseUrl}/api/audit/export.csv`, {
      headers: { authorization },
    });
    expect(exported.status).toBe(status);
    await exported.arrayBuffer();
    if (status === 403) expect(await listed.json()).toMatchObject({ code: 'forbidden_role' });
  });

  it('audits refused role attempts', async () => {
    const authorization = await authorizationFor(t, tenant, ['operator']);
    const refused = await fetch(`${t.baseUrl}/api/audit`, {
      headers: { authorization, 'x-request-id': 'req-denied-1' },
    });
    expect(refused.status).toBe(403);
    const rows = (await (await list({ filter: '{"action":"auth.role_denied"}' })).json()) as Row[];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toMatchObject({
      actorId: 'user-operator',
      outcome: 'denied',
      targetId: 'GET /api/audit',
      requestId: 'req-denied-1',
      details: { requiredRoles: ['admin', 'supervisor', 'viewer'], roles: ['operator'] },
    });
  });
});
