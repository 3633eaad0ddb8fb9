import { cronJobKey, RecurringJobsService } from '../src/jobs/recurring-jobs.service.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import {
  ALL_CATEGORIES,
  anonymizationCalls,
  call,
  installOnSandbox,
  isFullyAnonymized,
  type RunBody,
  sandboxSessions,
  saveRule,
  type SeededSession,
  seedHistory,
  waitForBackfill,
  waitForRun,
} from './support/anonymization-sandbox.js';
import { eventually, sql } from './support/host-deliveries.js';
import { waitForJob } from './support/jobs.js';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox-process.js';
import { panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TENANT = 101;
const DAY_MS = 86_400_000;

interface FaultRule {
  id: number;
  hits: number;
  remaining: number | null;
}

/** The wall-clock time in Prague `offsetMinutes` from now, as HH:MM. */
function pragueTime(offsetMinutes: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Prague',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + offsetMinutes * 60_000));
}

/**
 * Anonymization when things go wrong or differ: the host failing with 5xx bursts and throttling
 * with 429, the daily schedule and its window, and a host without the extension (v1 only).
 */
describe('anonymization: host faults, the daily window, a v1-only host', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;
  let admin: string;
  let packages: number[];

  const api = <T = unknown>(method: string, path: string, body?: unknown, as = admin) =>
    call<T>(t.baseUrl, as, method, path, body);

  const rule = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    enabled: true,
    olderThanDays: 30,
    exemptTags: ['legal-hold'],
    window: { start: '02:00', end: '05:00' },
    timeZone: 'Europe/Prague',
    ...overrides,
  });

  const due = (seeded: readonly SeededSession[], days = 30): Set<number> =>
    new Set(
      seeded
        .filter(
          (s) => s.endedAt.getTime() < Date.now() - days * DAY_MS && !s.tags.includes('legal-hold'),
        )
        .map((s) => s.id),
    );

  const addFault = async (body: unknown): Promise<FaultRule> =>
    (await sandbox.control<FaultRule>('POST', '/faults/rules', body)).body;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    t = await startTestApp({ env: { INBOX_POLL_MS: '50', JOBS_POLL_MS: '100' } });
    packages = (
      await sandbox.control<{ packageId: number }[]>('GET', `/tenants/${TENANT}/packages`)
    ).body.map((p) => p.packageId);
    const installation = await installOnSandbox(sandbox, TENANT, t.baseUrl);
    admin = (await panelSession(t, { tenantId: String(TENANT), secrets: installation }, ['admin']))
      .authorization;
    await waitForBackfill(t.baseUrl, admin, 30_000);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('rides out 5xx bursts and 429s: slower, nothing lost, nothing done twice', async () => {
    const seeded = await seedHistory(sandbox, TENANT, packages, 160, { richness: 'light' });
    const backfill = await api<{ id: string }>('POST', '/api/anonymization/backfills', {});
    expect(backfill.status).toBe(202);
    await waitForBackfill(t.baseUrl, admin, 30_000);
    await saveRule(t.baseUrl, admin, rule());
    const expected = due(seeded);
    const faults = [
      await addFault({
        method: 'POST',
        path: '/api/v1/extension/sessions/*/anonymize',
        action: { kind: 'status', status: 503 },
        times: 14,
        probability: 0.5,
      }),
      await addFault({
        method: 'POST',
        path: '/api/v1/extension/sessions/*/anonymize',
        action: { kind: 'rate_limit', retryAfterSeconds: 1 },
        times: 6,
      }),
      await addFault({
        method: 'GET',
        path: '/api/v1/Sessions',
        action: { kind: 'status', status: 502 },
        times: 5,
      }),
    ];

    const started = await api<RunBody>('POST', '/api/anonymization/runs');
    expect(started.status).toBe(202);
    // An open circuit holds the run for its cool-down (30 s) each time it opens.
    const run = await waitForRun(t.baseUrl, admin, started.body.id, 280_000);
    expect(run.status).toBe('completed');
    expect(run.counts['done']).toBe(expected.size);
    expect(run.counts['failed']).toBe(0);

    // Every fault was actually served.
    for (const fault of faults) {
      const state = (await sandbox.control<FaultRule>('GET', `/faults/rules/${fault.id}`)).body;
      expect(state.remaining).toBe(0);
    }
    await sandbox.control('DELETE', '/faults/rules');

    const calls = await anonymizationCalls(sandbox, TENANT);
    const perSession = new Map<number, number>();
    for (const c of calls) perSession.set(c.sessionId, (perSession.get(c.sessionId) ?? 0) + 1);
    expect(new Set(perSession.keys())).toEqual(expected);
    expect([...perSession.values()].every((n) => n === 1)).toBe(true);
    const sessions = await sandboxSessions(sandbox, TENANT);
    for (const s of sessions.filter((x) => expected.has(x.id)))
      expect(isFullyAnonymized(s)).toBe(true);

    const [ledger] = await sql(
      t,
      "select count(*) as n from anonymization_ledger where tenant_id = ? and status = 'done'",
      [String(TENANT)],
    );
    expect(Number(ledger?.['n'])).toBe(expected.size * 6);
  }, 300_000);

  it('keeps the daily schedule in step with the rule: the window start in its time zone', async () => {
    const recurring = t.app.get(RecurringJobsService);
    // The schedule follows the settings change (settings.updated) a moment after the save.
    const schedule = (want: (d: { cron: string; timeZone: string } | undefined) => boolean) =>
      eventually(
        async () => {
          const found = (await recurring.list(String(TENANT))).find(
            (d) => d.name === 'anonymization',
          );
          return want(found) ? { found } : undefined;
        },
        10_000,
        'the daily schedule',
      );
    await saveRule(
      t.baseUrl,
      admin,
      rule({ window: { start: '03:15', end: '06:00' }, timeZone: 'Europe/London' }),
    );
    expect((await schedule((d) => d?.timeZone === 'Europe/London')).found).toMatchObject({
      cron: '15 3 * * *',
      timeZone: 'Europe/London',
      kind: 'anonymization.daily',
    });
    await saveRule(t.baseUrl, admin, { enabled: false });
    expect((await schedule((d) => d === undefined)).found).toBeUndefined();
    await saveRule(t.baseUrl, admin, rule());
    expect((await schedule((d) => d !== undefined)).found).toMatchObject({
      cron: '0 2 * * *',
      timeZone: 'Europe/Prague',
    });
  });

  it('a slot whose window has closed stops at once and defers its sessions; a slot runs once', async () => {
    const seeded = await seedHistory(sandbox, TENANT, packages, 30, {
      richness: 'light',
      startIndex: 1000,
    });
    await api('POST', '/api/anonymization/backfills', {});
    await waitForBackfill(t.baseUrl, admin, 30_000);
    const callsBefore = (await anonymizationCalls(sandbox, TENANT)).length;
    const jobs = t.app.get(JobsService);
    // Yesterday's 02:00 in Prague: its window closed at 05:00.
    const slot = new Date(Date.now() - DAY_MS);
    slot.setUTCHours(0, 0, 0, 0);
    const job = await jobs.schedule({
      kind: 'anonymization.daily',
      tenantId: String(TENANT),
      key: cronJobKey('anonymization', slot),
      dueAt: slot,
      payload: {},
    });
    expect((await waitForJob(t, job.id, ['done', 'dead'], 20_000)).state).toBe('done');
    const runs = await sql(t, 'select id from anonymization_run where tenant_id = ? and slot = ?', [
      String(TENANT),
      slot.toISOString(),
    ]);
    expect(runs).toHaveLength(1);
    const runId = String(runs[0]?.['id']);
    const stopped = await waitForRun(t.baseUrl, admin, runId, 30_000);
    expect(stopped.status).toBe('stopped');
    expect(stopped.processed).toBe(0);
    expect(stopped.counts['deferred']).toBe(stopped.total);
    const deferred = await api<{ sessionId: string; reason: string }[]>(
      'GET',
      `/api/anonymization/runs/${runId}/items?range=[0,499]`,
    );
    expect(deferred.body.every((item) => item.reason === 'window_end')).toBe(true);
    const deferredIds = new Set(deferred.body.map((item) => Number(item.sessionId)));
    expect([...due(seeded)].every((id) => deferredIds.has(id))).toBe(true);
    expect(await anonymizationCalls(sandbox, TENANT)).toHaveLength(callsBefore);

    const again = await jobs.schedule({
      kind: 'anonymization.daily',
      tenantId: String(TENANT),
      key: cronJobKey('anonymization', slot),
      dueAt: slot,
      payload: {},
    });
    await waitForJob(t, again.id, ['done', 'dead'], 20_000);
    expect(
      await sql(t, 'select id from anonymization_run where tenant_id = ? and slot = ?', [
        String(TENANT),
        slot.toISOString(),
      ]),
    ).toHaveLength(1);
  });

  it('a slot inside its window anonymizes what the closed one deferred', async () => {
    const before = (await anonymizationCalls(sandbox, TENANT)).length;
    await saveRule(
      t.baseUrl,
      admin,
      rule({ window: { start: pragueTime(-1), end: pragueTime(120) } }),
    );
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const job = await t.app.get(JobsService).schedule({
      kind: 'anonymization.daily',
      tenantId: String(TENANT),
      key: cronJobKey('anonymization', slot),
      dueAt: slot,
      payload: {},
    });
    await waitForJob(t, job.id, ['done', 'dead'], 20_000);
    const [row] = await sql(
      t,
      'select id from anonymization_run where tenant_id = ? and slot = ?',
      [String(TENANT), slot.toISOString()],
    );
    const run = await waitForRun(t.baseUrl, admin, String(row?.['id']), 60_000);
    expect(run.status).toBe('completed');
    expect(run.counts['done']).toBeGreaterThan(0);
    expect((await anonymizationCalls(sandbox, TENANT)).length).toBe(before + run.counts['done']!);
  });

  it('falls back to the whole-session v1 call on a v1-only host; the ledger says what it covered', async () => {
    await sandbox.control('PUT', '/mode', { v1Only: true });
    const seededTenant = await sandbox.control<{ tenantId: number }>('POST', '/seed', {
      name: 'Jen v1 s.r.o.',
    });
    const v1Tenant = seededTenant.body.tenantId;
    const v1Packages = (
      await sandbox.control<{ packageId: number }[]>('GET', `/tenants/${v1Tenant}/packages`)
    ).body.map((p) => p.packageId);
    const seeded = await seedHistory(sandbox, v1Tenant, v1Packages, 60, { richness: 'full' });
    const installation = await installOnSandbox(sandbox, v1Tenant, t.baseUrl);
    const v1Admin = (
      await panelSession(t, { tenantId: String(v1Tenant), secrets: installation }, ['admin'])
    ).authorization;
    await waitForBackfill(t.baseUrl, v1Admin, 30_000);
    const [installed] = await sql(t, 'select capabilities from tenant where id = ?', [
      String(v1Tenant),
    ]);
    expect(String(installed?.['capabilities'])).not.toContain('anonymizeByCategory');

    // A v1 host does not say which package a session came through: a package filter matches none.
    const byPackage = await call<{ count: number }>(
      t.baseUrl,
      v1Admin,
      'POST',
      '/api/anonymization/dry-run',
      { rule: rule({ packageIds: [String(v1Packages[0])] }) },
    );
    expect(byPackage.body.count).toBe(0);

    await saveRule(t.baseUrl, v1Admin, rule({ channels: ['chat', 'phone'] }));
    const expected = new Set(
      seeded
        .filter(
          (s) =>
            s.endedAt.getTime() < Date.now() - 30 * DAY_MS &&
            !s.tags.includes('legal-hold') &&
            (s.channel === 'Chat' || s.channel === 'Phone'),
        )
        .map((s) => s.id),
    );
    const before = new Map(
      (await sandboxSessions(sandbox, v1Tenant)).map((s) => [s.id, JSON.stringify(s)]),
    );
    const started = await call<RunBody>(t.baseUrl, v1Admin, 'POST', '/api/anonymization/runs');
    expect(started.body.mode).toBe('whole_session');
    const run = await waitForRun(t.baseUrl, v1Admin, started.body.id, 60_000);
    expect(run).toMatchObject({ status: 'completed', counts: { done: expected.size, failed: 0 } });

    const after = await sandboxSessions(sandbox, v1Tenant);
    expect(
      new Set(after.filter((s) => before.get(s.id) !== JSON.stringify(s)).map((s) => s.id)),
    ).toEqual(expected);
    for (const s of after.filter((x) => expected.has(x.id)))
      expect(isFullyAnonymized(s)).toBe(true);
    const calls = await anonymizationCalls(sandbox, v1Tenant);
    expect(calls.every((c) => c.via === 'v1')).toBe(true);
    expect(new Set(calls.map((c) => c.sessionId))).toEqual(expected);

    const ledger = await eventually(
      async () => {
        const rows = await sql(
          t,
          'select category, status, method, outcome from anonymization_ledger where tenant_id = ? and session_id = ?',
          [String(v1Tenant), String([...expected][0])],
        );
        return rows.length === 6 ? rows : undefined;
      },
      5_000,
      'the ledger of a v1 session',
    );
    for (const category of ALL_CATEGORIES) {
      expect(ledger.find((row) => row['category'] === category)).toMatchObject({
        status: 'done',
        method: 'v1_whole_session',
        outcome: 'COVERED_BY_WHOLE_SESSION',
      });
    }
    expect(ledger.find((row) => row['category'] === 'switchboard_data')).toMatchObject({
      status: 'done',
      method: 'switchboard',
    });
  }, 120_000);
});
