import { JobsService } from '../src/jobs/jobs.service.js';
import { sql } from './support/host-deliveries.js';
import { recordingKind, waitForJob } from './support/jobs.js';
import {
  authorizationFor,
  installTenant,
  type InstalledTenant,
  panelSession,
} from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface ProblemBody {
  code?: string;
  message?: string;
}

describe('jobs admin API', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
  let admin: string;
  let jobs: JobsService;

  /** A job of a kind nobody runs, put into the given state directly. */
  async function jobIn(
    kind: string,
    state: 'scheduled' | 'dead' | 'done',
    options: { key?: string; dueAt?: Date; tenantId?: string } = {},
  ): Promise<number> {
    const { id } = await jobs.schedule({
      kind,
      tenantId: options.tenantId ?? tenant.tenantId,
      payload: { kind },
      dueAt: options.dueAt ?? new Date(Date.now() + 3_600_000),
      ...(options.key === undefined ? {} : { key: options.key }),
    });
    if (state !== 'scheduled') {
      await sql(t, 'update job set state = ?, attempts = 2, last_error = ? where id = ?', [
        state,
        state === 'dead' ? `${kind} broke` : null,
        id,
      ]);
    }
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_POLL_MS: '100' } });
    jobs = t.app.get(JobsService);
    tenant = await installTenant(t);
    admin = (await panelSession(t, tenant, ['admin'])).authorization;
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, authorization = admin): Promise<Response> =>
    fetch(`${t.baseUrl}${path}`, { headers: { authorization } });
  const retry = (id: number | string, authorization = admin): Promise<Response> =>
    fetch(`${t.baseUrl}/api/jobs/dead-letters/${id}/retry`, {
      method: 'POST',
      headers: { authorization },
    });

  it('counts the tenant’s jobs per kind and state and reports the oldest due job’s lag', async () => {
    await jobIn('stats.alpha', 'scheduled');
    await jobIn('stats.alpha', 'scheduled', { dueAt: new Date(Date.now() - 60_000) });
    await jobIn('stats.alpha', 'dead');
    await jobIn('stats.beta', 'done');
    const other = await installTenant(t);
    await jobIn('stats.alpha', 'scheduled', { tenantId: other.tenantId });
    await jobIn('stats.gamma', 'scheduled', {
      tenantId: other.tenantId,
      dueAt: new Date(Date.now() - 3_600_000),
    });

    const supervisor = (await panelSession(t, tenant, ['supervisor'])).authorization;
    const response = await get('/api/jobs/stats', supervisor);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      counts: { kind: string; state: string; count: number }[];
      oldestDueLagMs: number;
    };
    // Other capabilities schedule jobs of their own at install; these kinds are this test's.
    expect(body.counts.filter((count) => count.kind.startsWith('stats.'))).toEqual([
      { kind: 'stats.alpha', state: 'dead', count: 1 },
      { kind: 'stats.alpha', state: 'scheduled', count: 2 },
      { kind: 'stats.beta', state: 'done', count: 1 },
    ]);
    // Its own overdue job waited about a minute; the other tenant's hour-old one is not counted.
    expect(body.oldestDueLagMs).toBeGreaterThanOrEqual(60_000);
    expect(body.oldestDueLagMs).toBeLessThan(3_600_000);
  });

  it('is for admins and supervisors only; retrying is for admins', async () => {
    for (const roles of [['operator'], ['viewer']] as const) {
      const authorization = await authorizationFor(t, tenant, [...roles]);
      expect((await get('/api/jobs/stats', authorization)).status).toBe(403);
      expect((await get('/api/jobs/dead-letters', authorization)).status).toBe(403);
    }
    const id = await jobIn('roles.dead', 'dead');
    const supervisor = (await panelSession(t, tenant, ['supervisor'])).authorization;
    expect((await get('/api/jobs/dead-letters', supervisor)).status).toBe(200);
    expect((await retry(id, supervisor)).status).toBe(403);
    expect((await jobs.get(id))?.state).toBe('dead');
  });

  it('lists dead jobs page by page, filtered by kind', async () => {
    const ids = [
      await jobIn('list.one', 'dead'),
      await jobIn('list.one', 'dead'),
      await jobIn('list.one', 'dead'),
    ];
    await jobIn('list.two', 'dead');
    await jobIn('list.one', 'scheduled');
    const filter = encodeURIComponent(JSON.stringify({ kind: 'list.one' }));
    const page = await get(`/api/jobs/dead-letters?filter=${filter}&range=[0,1]&sort=["id","ASC"]`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-range')).toBe('dead-letters 0-1/3');
    const rows = (await page.json()) as {
      id: number;
      kind: string;
      state: string;
      lastError: string;
    }[];
    expect(rows.map((row) => row.id)).toEqual(ids.slice(0, 2));
    expect(rows[0]).toMatchObject({
      kind: 'list.one',
      state: 'dead',
      lastError: 'list.one broke',
      attempts: 2,
    });

    const bad = await get(
      `/api/jobs/dead-letters?filter=${encodeURIComponent('{"state":"done"}')}`,
    );
    expect(bad.status).toBe(422);
  });

  it('retries a dead job: scheduled now with attempts reset, run, audited', async () => {
    const { kind, runs } = recordingKind(t, 'retried');
    const id = await jobIn(kind, 'dead', { key: 'retry-me' });
    const response = await retry(id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, state: 'scheduled', attempts: 0 });
    expect(await waitForJob(t, id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(runs.map((run) => run.id)).toEqual([id]);

    const audit = await get(
      `/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'jobs.dead_job_retried' }))}`,
    );
    const entries = (await audit.json()) as { action: string; targetId: string }[];
    expect(entries.map((entry) => [entry.action, entry.targetId])).toEqual([
      ['jobs.dead_job_retried', String(id)],
    ]);
  });

  it('refuses to retry what is not a dead job of the tenant, or a key already in use', async () => {
    const scheduled = await jobIn('refuse.x', 'scheduled');
    for (const id of [scheduled, 999_999, 'abc']) {
      const response = await retry(id);
      expect(response.status).toBe(404);
      expect(((await response.json()) as ProblemBody).code).toBe('job_not_found');
    }
    const other = await installTenant(t);
    const foreign = await jobIn('refuse.x', 'dead', { tenantId: other.tenantId });
    expect((await retry(foreign)).status).toBe(404);
    expect((await jobs.get(foreign))?.state).toBe('dead');

    const dead = await jobIn('refuse.x', 'dead', { key: 'taken' });
    await jobIn('refuse.x', 'scheduled', { key: 'taken' });
    const conflict = await retry(dead);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'job_key_active' });
    expect((await jobs.get(dead))?.state).toBe('dead');
  });
});
