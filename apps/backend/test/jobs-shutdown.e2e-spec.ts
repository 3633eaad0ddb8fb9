import { JobsService } from '../src/jobs/jobs.service.js';
import { eventually, sql } from './support/host-deliveries.js';
import { recordingKind, waitForJob } from './support/jobs.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const FAST = { JOBS_POLL_MS: '100' };

describe('jobs across shutdown and restart', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];

  const start = async (env: Record<string, string> = {}): Promise<TestApp> => {
    const t = await startTestApp({ env: { ...FAST, ...env }, database });
    apps.push(t);
    return t;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    for (const t of apps.splice(0)) await t.app.close();
    await database.drop();
  });

  it('a timer scheduled before a restart fires after it', async () => {
    const before = await start();
    const dueAt = new Date(Date.now() + 1500);
    const { id } = await before.app.get(JobsService).schedule({
      kind: 'test.restart',
      tenantId: null,
      key: 'survivor',
      dueAt,
      payload: { n: 1 },
    });
    await before.app.close();

    const after = await start();
    const { runs } = recordingKind(after, 'restart');
    const job = await waitForJob(after, id);
    expect(job).toMatchObject({ state: 'done', attempts: 1 });
    expect(runs).toEqual([{ id, key: 'survivor', tenantId: null, payload: { n: 1 }, attempt: 1 }]);
    // It did not fire before its time.
    expect(job.startedAt?.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
  });

  it('shutdown lets a running job finish within the grace period', async () => {
    const t = await start({ JOBS_SHUTDOWN_GRACE_MS: '10000' });
    let finished = false;
    recordingKind(t, 'graceful', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      finished = true;
    });
    const { id } = await t.app
      .get(JobsService)
      .schedule({ kind: 'test.graceful', tenantId: null, payload: {} });
    await waitForJob(t, id, ['running']);
    await t.app.close();
    expect(finished).toBe(true);
    const rows = await sqlOn(id);
    expect(rows).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('shutdown gives back a job still running after the grace period; another instance runs it at once', async () => {
    const first = await start({ JOBS_SHUTDOWN_GRACE_MS: '100' });
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    recordingKind(first, 'handover', () => stuck);
    const { id } = await first.app
      .get(JobsService)
      .schedule({ kind: 'test.handover', tenantId: null, payload: {} });
    await waitForJob(first, id, ['running']);
    await first.app.close();
    try {
      // Given back: claimable now, the interrupted attempt not counted.
      expect(await sqlOn(id)).toMatchObject({ state: 'scheduled', attempts: 0, locked_by: null });

      const second = await start();
      const { runs } = recordingKind(second, 'handover');
      expect(await waitForJob(second, id)).toMatchObject({ state: 'done', attempts: 1 });
      expect(runs.map((run) => run.attempt)).toEqual([1]);
    } finally {
      release();
    }
  });

  /** The job row as stored, read through a short-lived app on the same database. */
  async function sqlOn(id: number): Promise<Record<string, unknown> | undefined> {
    const reader = await start({ JOBS_WORKER: 'false' });
    const rows = await eventually(async () => {
      const found = await sql(reader, 'select state, attempts, locked_by from job where id = ?', [
        id,
      ]);
      return found.length > 0 ? found : undefined;
    });
    await reader.app.close();
    apps.splice(apps.indexOf(reader), 1);
    const row = rows[0];
    return row === undefined ? undefined : { ...row, attempts: Number(row['attempts']) };
  }
});
