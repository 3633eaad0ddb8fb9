import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import {
  ADMITTED_EVENT,
  AUDITED_SERIES,
  PACKAGE_STATUS_ACTION,
} from '../src/dashboard/dashboard.service.js';
import { InboxMessage } from '../src/host/inbox-message.entity.js';
import { Tenant } from '../src/installation/tenant.entity.js';
import {
  authorizationFor,
  installTenant,
  type InstalledTenant,
  panelSession,
} from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Stats {
  timeZone: string;
  days: string[];
  series: Record<string, number[]>;
}

/** Auckland is UTC+13 in November: a local day runs from 11:00 UTC to 11:00 UTC. */
const ZONE = 'Pacific/Auckland';
const at = (iso: string): Date => new Date(iso);

describe('dashboard statistics per day of the tenant time zone', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
  let other: InstalledTenant;
  let seq = 0;
  let em: EntityManager;

  const audit = (
    tenantId: string,
    action: string,
    occurredAt: string,
    after?: unknown,
    more: Partial<Pick<AuditEntry, 'outcome' | 'details'>> = {},
  ) => {
    const entry = new AuditEntry();
    Object.assign(entry, more);
    entry.tenantId = tenantId;
    entry.actorType = 'system';
    entry.actorId = 'switchboard';
    entry.action = action;
    entry.targetType = action === PACKAGE_STATUS_ACTION ? 'package' : 'session';
    entry.targetId =
      action === PACKAGE_STATUS_ACTION ? String((after as { id: number }).id) : `s${++seq}`;
    entry.after = after ?? null;
    entry.occurredAt = at(occurredAt);
    return entry;
  };

  const delivery = (
    tenantId: string,
    eventType: string,
    receivedAt: string,
    state: InboxMessage['state'] = 'done',
    attempts = 1,
  ) => {
    const message = new InboxMessage();
    message.tenant = em.getReference(Tenant, tenantId);
    message.dedupeKey = `wh:dashboard-${++seq}`;
    message.eventType = eventType;
    message.payload = { eventType, data: {} };
    message.receivedAt = at(receivedAt);
    message.availableAt = at(receivedAt);
    message.state = state;
    message.attempts = attempts;
    return message;
  };

  const stats = async (query: string, who: InstalledTenant = tenant) => {
    const { authorization } = await panelSession(t, who, ['viewer']);
    return fetch(`${t.baseUrl}/api/dashboard/stats${query}`, { headers: { authorization } });
  };

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await installTenant(t, { timeZone: ZONE });
    other = await installTenant(t, { timeZone: ZONE });
    em = t.app.get(EntityManager).fork();
    const a = tenant.tenantId;
    em.persist([
      // Bans: the last minute of the 24th and the first of the 25th, local time.
      audit(a, 'ban.create', '2026-11-24T10:59:00Z'),
      audit(a, 'ban.create', '2026-11-24T11:00:00Z'),
      audit(a, 'ban.revoke', '2026-11-25T10:00:00Z'),
      // Before the first day shown (the 22nd locally): not counted.
      audit(a, 'ban.revoke', '2026-11-22T10:59:59Z'),
      // After the last day shown (the 26th locally): not counted.
      audit(a, 'ban.revoke', '2026-11-25T11:00:00Z'),
      audit(a, 'ban.enforce', '2026-11-22T12:00:00Z'),
      audit(a, 'callback.block_enforce', '2026-11-23T09:00:00Z'),
      audit(a, 'anonymization.session_anonymized', '2026-11-25T01:00:00Z'),
      audit(a, 'anonymization.session_anonymized', '2026-11-25T02:00:00Z'),
      audit(a, 'anonymization.session_anonymized', '2026-11-25T03:00:00Z'),
      audit(a, 'anonymization.session_failed', '2026-11-25T03:00:00Z'),
      audit(a, 'settings.updated', '2026-11-25T03:00:00Z'),
      // Files: the host removed 3 and 2 files of two sessions on the 24th; one cleanup failed.
      audit(a, 'files.deleted_after_session', '2026-11-23T12:00:00Z', undefined, {
        details: { files: 4, removed: 3, alreadyRemoved: 1 },
      }),
      audit(a, 'files.deleted_after_session', '2026-11-24T10:00:00Z', undefined, {
        details: { files: 2, removed: 2, alreadyRemoved: 0 },
      }),
      audit(a, 'files.deleted_after_session', '2026-11-24T10:30:00Z', undefined, {
        outcome: 'failed',
        details: { inaccessibleFileIds: [9], removed: 7 },
      }),
      // Package 7 was busy before the range, back online on the 25th; 8 went offline on the 24th.
      audit(a, PACKAGE_STATUS_ACTION, '2026-11-20T12:00:00Z', { id: 7, status: 'offline' }),
      audit(a, PACKAGE_STATUS_ACTION, '2026-11-21T12:00:00Z', { id: 7, status: 'busy' }),
      audit(a, PACKAGE_STATUS_ACTION, '2026-11-23T12:00:00Z', { id: 8, status: 'offline' }),
      audit(a, PACKAGE_STATUS_ACTION, '2026-11-24T12:00:00Z', { id: 7, status: 'online' }),
      // Webhooks: two sessions created on the 23rd (one delivery dead), one retried on the 25th.
      delivery(a, ADMITTED_EVENT, '2026-11-22T11:00:00Z'),
      delivery(a, ADMITTED_EVENT, '2026-11-23T10:59:00Z', 'dead', 8),
      delivery(a, 'SessionEnded', '2026-11-25T10:59:00Z', 'done', 3),
      // Another tenant's doings on the same days count only for it.
      audit(other.tenantId, 'ban.create', '2026-11-24T12:00:00Z'),
      audit(other.tenantId, PACKAGE_STATUS_ACTION, '2026-11-24T12:00:00Z', {
        id: 7,
        status: 'offline',
      }),
      delivery(other.tenantId, ADMITTED_EVENT, '2026-11-24T12:00:00Z'),
    ]);
    await em.flush();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts each series per local day, the day boundaries in the tenant time zone', async () => {
    const response = await stats('?to=2026-11-25&days=3');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Stats;
    expect(body.timeZone).toBe(ZONE);
    expect(body.days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(body.series).toEqual({
      sessionsAdmitted: [2, 0, 0],
      sessionsRefused: [2, 0, 0],
      bansCreated: [0, 1, 1],
      bansRevoked: [0, 0, 1],
      filesDeleted: [0, 5, 0],
      sessionsAnonymized: [0, 0, 3],
      anonymizationFailed: [0, 0, 1],
      packagesBusy: [1, 1, 0],
      packagesOffline: [0, 1, 1],
      webhooksReceived: [2, 0, 1],
      webhooksFailed: [1, 0, 0],
      webhooksRetried: [1, 0, 1],
    });
  });

  it("shows only the caller's tenant", async () => {
    const body = (await (await stats('?to=2026-11-25&days=3', other)).json()) as Stats;
    expect(body.series['bansCreated']).toEqual([0, 0, 1]);
    expect(body.series['packagesOffline']).toEqual([0, 0, 1]);
    expect(body.series['sessionsAdmitted']).toEqual([0, 0, 1]);
    expect(body.series['sessionsAnonymized']).toEqual([0, 0, 0]);
  });

  it('ends with the local today by default, 30 days long', async () => {
    const body = (await (await stats('')).json()) as Stats;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
    expect(body.days).toHaveLength(30);
    expect(body.days.at(-1)).toBe(today);
    expect(Object.values(body.series).every((values) => values.length === 30)).toBe(true);
  });

  it('refuses a bad range with the field named, and callers without a panel role', async () => {
    for (const [query, path] of [
      ['?days=0', 'days'],
      ['?days=93', 'days'],
      ['?to=2026-13-01', 'to'],
      ['?to=yesterday', 'to'],
    ] as const) {
      const response = await stats(query);
      expect(response.status).toBe(422);
      const problem = (await response.json()) as { code: string; errors: { path: string }[] };
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors[0]?.path).toBe(path);
    }
    const operator = await fetch(`${t.baseUrl}/api/dashboard/stats`, {
      headers: { authorization: await authorizationFor(t, tenant, ['operator']) },
    });
    expect(operator.status).toBe(403);
  });

  it('counts audit actions that the capabilities really record', () => {
    const sourceFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'dashboard' ? [] : sourceFiles(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
      });
    const source = sourceFiles(join(__dirname, '..', 'src'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const actions = [
      ...Object.values(AUDITED_SERIES).flatMap((counts) => counts.map((count) => count.action)),
      PACKAGE_STATUS_ACTION,
    ];
    expect(actions.filter((action) => !source.includes(`'${action}'`))).toEqual([]);
  });
});
