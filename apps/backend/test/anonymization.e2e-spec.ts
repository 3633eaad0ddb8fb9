import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
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
import { chatMessageDelivery, deliver, eventually, sql } from './support/host-deliveries.js';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox-process.js';
import { panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TENANT = 101;
const DAY_MS = 86_400_000;

/**
 * Setting 4 end to end: the backend and the emulated host as two processes, a history of
 * sessions of many ages, channels, packages and tags on the host, the index filled by the install
 * backfill and by SessionEnded, then dry runs and runs through the panel API.
 */
describe('automatic anonymization against the host sandbox', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let packages: number[];
  let seeded: SeededSession[];
  let webhookSecret: string;
  const erased: string[] = [];

  const api = <T = unknown>(method: string, path: string, body?: unknown, as = admin) =>
    call<T>(t.baseUrl, as, method, path, body);

  const rule = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    enabled: true,
    olderThanDays: 90,
    channels: ['chat', 'av'],
    packageIds: packages.slice(0, 2).map(String),
    exemptTags: ['legal-hold'],
    window: { start: '02:00', end: '05:00' },
    timeZone: 'Europe/Prague',
    ...overrides,
  });

  /** The sessions the rule must select, judged from what was seeded (and held since). */
  const expectedIds = (held: ReadonlySet<number>): Set<number> =>
    new Set(
      seeded
        .filter(
          (s) =>
            s.endedAt.getTime() < Date.now() - 90 * DAY_MS &&
            (s.channel === 'Chat' || s.channel === 'AV') &&
            s.packageId !== null &&
            packages.slice(0, 2).includes(s.packageId) &&
            !s.tags.includes('legal-hold') &&
            !held.has(s.id),
        )
        .map((s) => s.id),
    );

  beforeAll(async () => {
    sandbox = await startSandboxProcess({ SANDBOX_HOOK_BUDGET_MS: '2000' });
    t = await startTestApp({ env: { INBOX_POLL_MS: '50' } });
    // Switchboard's own data about sessions: a capability's eraser, recording what it was asked.
    t.app.get(SessionErasureRegistry).register('anonymization-e2e', (input) => {
      erased.push(input.sessionId);
      return Promise.resolve({ category: 'probe', erased: 1 });
    });
    packages = (
      await sandbox.control<{ packageId: number }[]>('GET', `/tenants/${TENANT}/packages`)
    ).body.map((p) => p.packageId);
    seeded = await seedHistory(sandbox, TENANT, packages, 240);
    const installation = await installOnSandbox(sandbox, TENANT, t.baseUrl);
    webhookSecret = installation.webhookSecret;
    const tenant = { tenantId: String(TENANT), secrets: installation };
    admin = (await panelSession(t, tenant, ['admin'])).authorization;
    viewer = (await panelSession(t, tenant, ['viewer'])).authorization;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('fills the index from the host at install: every ended session, with package and tags', async () => {
    const backfill = await waitForBackfill(t.baseUrl, admin, 30_000);
    expect(backfill.sessionsSeen).toBe(seeded.length);
    const rows = await sql(
      t,
      'select session_id, channel, package_id, tags from anonymization_ended_session where tenant_id = ?',
      [String(TENANT)],
    );
    expect(rows).toHaveLength(seeded.length);
    const byId = new Map(rows.map((row) => [String(row['session_id']), row]));
    for (const s of seeded.slice(0, 20)) {
      const row = byId.get(String(s.id));
      expect(row?.['channel']).toBe(s.channel.toLowerCase());
      expect(row?.['package_id']).toBe(s.packageId === null ? null : String(s.packageId));
      const tags = typeof row?.['tags'] === 'string' ? JSON.parse(row['tags']) : row?.['tags'];
      expect(tags).toEqual(s.tags);
    }
  });

  it('indexes a session that ends now from SessionEnded', async () => {
    const created = await sandbox.control<{ session: { id: number } }>(
      'POST',
      `/tenants/${TENANT}/sessions`,
      { packageId: packages[0], message: 'Dobrý den' },
    );
    const id = String(created.body.session.id);
    await sandbox.control('POST', `/sessions/${id}/leave`);
    const row = await eventually(
      async () =>
        (
          await sql(
            t,
            'select channel, source, anonymized_at from anonymization_ended_session where tenant_id = ? and session_id = ?',
            [String(TENANT), id],
          )
        )[0],
      15_000,
      'the ended session in the index',
    );
    expect(row).toMatchObject({ channel: 'chat', source: 'event', anonymized_at: null });
  });

  it('refuses an invalid proposed rule with field paths', async () => {
    const refused = await api<{ code: string; errors: { path: string; code: string }[] }>(
      'POST',
      '/api/anonymization/dry-run',
      { rule: rule({ olderThanDays: 0, channels: ['fax'] }) },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('validation_failed');
    expect(refused.body.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['rule.olderThanDays', 'rule.channels.0']),
    );
    const off = await api<{ enabled: boolean; count: number }>(
      'POST',
      '/api/anonymization/dry-run',
      {
        rule: { enabled: false },
      },
    );
    expect(off.body).toMatchObject({ enabled: false, count: 0 });
    expect((await api('POST', '/api/anonymization/dry-run', { rule: rule() }, viewer)).status).toBe(
      403,
    );
  });

  it('dry-runs a proposed rule: the exact count, legal holds and a sample, touching nothing', async () => {
    const before = JSON.stringify(await sandboxSessions(sandbox, TENANT));
    const dry = await api<{
      count: number;
      exempted: number;
      byChannel: Record<string, number>;
      sample: { sessionId: string; channel: string; packageId: string }[];
    }>('POST', '/api/anonymization/dry-run', { rule: rule() });
    expect(dry.status).toBe(200);
    const expected = expectedIds(new Set());
    expect(dry.body.count).toBe(expected.size);
    expect(dry.body.count).toBeGreaterThan(10);
    const heldDue = seeded.filter(
      (s) =>
        s.tags.includes('legal-hold') &&
        s.endedAt.getTime() < Date.now() - 90 * DAY_MS &&
        ['Chat', 'AV'].includes(s.channel) &&
        s.packageId !== null &&
        packages.slice(0, 2).includes(s.packageId),
    );
    expect(dry.body.exempted).toBe(heldDue.length);
    expect(dry.body.sample.length).toBe(Math.min(20, expected.size));
    for (const s of dry.body.sample) expect(expected.has(Number(s.sessionId))).toBe(true);
    expect((dry.body.byChannel['chat'] ?? 0) + (dry.body.byChannel['av'] ?? 0)).toBe(expected.size);

    const noFilters = await api<{ count: number }>('POST', '/api/anonymization/dry-run', {
      rule: rule({ channels: undefined, packageIds: undefined, exemptTags: undefined }),
    });
    expect(noFilters.body.count).toBe(
      seeded.filter((s) => s.endedAt.getTime() < Date.now() - 90 * DAY_MS).length,
    );
    expect(JSON.stringify(await sandboxSessions(sandbox, TENANT))).toBe(before);
    expect(await anonymizationCalls(sandbox, TENANT)).toEqual([]);
    const [ledger] = await sql(t, 'select count(*) as n from anonymization_ledger', []);
    expect(Number(ledger?.['n'])).toBe(0);
  });

  it('will not run without a saved rule', async () => {
    const refused = await api<{ code: string }>('POST', '/api/anonymization/runs');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('anonymization_off');
  });

  let run: RunBody;
  let expected: Set<number>;

  it('anonymizes exactly the matching sessions in every category; every other session is unchanged', async () => {
    await saveRule(t.baseUrl, admin, rule());
    // A legal hold placed after the index was filled still protects the session.
    const lateHold = seeded.find((s) => expectedIds(new Set()).has(s.id));
    if (lateHold === undefined) throw new Error('no due session to hold');
    await sandbox.control('PUT', `/sessions/${lateHold.id}/tags/legal-hold`);
    expected = expectedIds(new Set([lateHold.id]));
    // Deliveries about sessions sit in the inbox with their personal data (here a chat message).
    const due = [...expected][0];
    if (due === undefined) throw new Error('no due session');
    for (const [sessionId, activityId] of [
      [due, 990_001],
      [lateHold.id, 990_002],
    ] as const) {
      const stored = await deliver(t, String(TENANT), chatMessageDelivery(sessionId, activityId), {
        secret: webhookSecret,
      });
      expect(stored.status).toBe(202);
    }
    const deliveriesAbout = async (sessionId: number): Promise<number> =>
      Number(
        (
          await sql(t, 'select count(*) as n from inbox where tenant_id = ? and session_id = ?', [
            String(TENANT),
            String(sessionId),
          ])
        )[0]?.['n'],
      );
    expect(await deliveriesAbout(due)).toBe(1);
    const before = new Map(
      (await sandboxSessions(sandbox, TENANT)).map((s) => [s.id, JSON.stringify(s)]),
    );

    const started = await api<RunBody>('POST', '/api/anonymization/runs');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', mode: 'categories' });
    expect((await api<{ code: string }>('POST', '/api/anonymization/runs')).body.code).toBe(
      'run_in_progress',
    );
    run = await waitForRun(t.baseUrl, admin, started.body.id, 60_000);
    expect(run.status).toBe('completed');
    expect(run.counts['done']).toBe(expected.size);
    expect(run.counts['failed']).toBe(0);
    expect(run.counts['pending']).toBe(0);
    expect(run.processed).toBe(run.total);

    const after = await sandboxSessions(sandbox, TENANT);
    const changed = after.filter((s) => before.get(s.id) !== JSON.stringify(s)).map((s) => s.id);
    expect(new Set(changed)).toEqual(expected);
    for (const session of after.filter((s) => expected.has(s.id))) {
      expect(isFullyAnonymized(session)).toBe(true);
      // Statistics stay: channel, package and times.
      const was = JSON.parse(before.get(session.id) ?? '{}') as Record<string, unknown>;
      expect(session).toMatchObject({
        channel: was['channel'],
        packageId: was['packageId'],
        ended: was['ended'],
      });
    }
    const calls = await anonymizationCalls(sandbox, TENANT);
    expect(calls.map((c) => c.sessionId).sort()).toEqual([...expected].sort());
    for (const c of calls) {
      expect(c.via).toBe('extension');
      expect(c.categories.sort()).toEqual([...ALL_CATEGORIES].sort());
    }
    expect(new Set(erased)).toEqual(new Set([...expected].map(String)));
    expect(erased).toHaveLength(expected.size);
    // Switchboard's copy of the anonymized session's deliveries is gone; the held one's stays.
    expect(await deliveriesAbout(due)).toBe(0);
    expect(await deliveriesAbout(lateHold.id)).toBe(1);
  });

  it('proves it: six done ledger rows per session, skips with reasons, audit entries', async () => {
    const ledger = await sql(
      t,
      'select session_id, category, status, method, outcome from anonymization_ledger where tenant_id = ?',
      [String(TENANT)],
    );
    expect(ledger).toHaveLength(expected.size * 6);
    expect(ledger.every((row) => row['status'] === 'done')).toBe(true);
    expect(new Set(ledger.map((row) => Number(row['session_id'])))).toEqual(expected);
    const link = ledger.find((row) => row['category'] === 'contact_link');
    expect(link).toMatchObject({ method: 'extension', outcome: 'ANONYMIZED' });

    const held = await api<{ sessionId: string; reason: string }[]>(
      'GET',
      `/api/anonymization/runs/${run.id}/items?filter=${encodeURIComponent(JSON.stringify({ status: 'skipped' }))}&range=[0,499]`,
    );
    expect(held.status).toBe(200);
    expect(held.body.length).toBeGreaterThan(0);
    expect(held.body.every((item) => item.reason === 'legal_hold')).toBe(true);

    const proof = await api<{ ledger: { category: string; status: string }[] }>(
      'GET',
      `/api/anonymization/sessions/${[...expected][0]}`,
      undefined,
      viewer,
    );
    expect(proof.status).toBe(200);
    expect(proof.body.ledger.map((row) => row.category)).toEqual([
      ...ALL_CATEGORIES,
      'switchboard_data',
    ]);

    const audits = await sql(
      t,
      "select action, count(*) as n from audit_entry where tenant_id = ? and action like 'anonymization.%' group by action",
      [String(TENANT)],
    );
    const count = (action: string): number =>
      Number(audits.find((row) => row['action'] === action)?.['n'] ?? 0);
    expect(count('anonymization.session_anonymized')).toBe(expected.size);
    expect(count('anonymization.session_skipped')).toBe(held.body.length);
    expect(count('anonymization.run_started')).toBe(1);
    expect(count('anonymization.run_finished')).toBe(1);
  });

  it('exports the run and the ledger as CSV for the data-protection officer', async () => {
    const csv = await api<string>('GET', `/api/anonymization/runs/${run.id}/ledger.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'runId,sessionId,sessionEndedAt,channel,packageId,sessionStatus,reason,category,categoryStatus,method,outcome,itemCount,error,doneAt,doneByRun',
    );
    const done = lines.filter((line) => line.includes(',done,,'));
    expect(done).toHaveLength(expected.size * 6);
    expect(lines.filter((line) => line.includes(',skipped,legal_hold,'))).not.toHaveLength(0);

    const ledgerCsv = await api<string>(
      'GET',
      `/api/anonymization/ledger.csv?filter=${encodeURIComponent(JSON.stringify({ category: 'recordings' }))}`,
      undefined,
      viewer,
    );
    expect(ledgerCsv.status).toBe(200);
    expect(
      ledgerCsv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(expected.size + 1);
  });

  it('never redoes a finished session: the next run selects nothing new and calls the host for none', async () => {
    const callsBefore = (await anonymizationCalls(sandbox, TENANT)).length;
    const started = await api<RunBody>('POST', '/api/anonymization/runs');
    const second = await waitForRun(t.baseUrl, admin, started.body.id, 60_000);
    expect(second.status).toBe('completed');
    expect(second.counts['done']).toBe(0);
    expect((await anonymizationCalls(sandbox, TENANT)).length).toBe(callsBefore);
    const listed = await api<RunBody[]>('GET', '/api/anonymization/runs', undefined, viewer);
    expect(listed.headers.get('content-range')).toBe('anonymization-runs 0-1/2');
    expect(listed.body.map((r) => r.id)).toEqual([second.id, run.id]);
  });
});
