import { postgresApplicationName } from '../src/database/orm-options.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { type BackendProcess, startBackendProcess } from './support/backend-process.js';
import { eventually, sql } from './support/host-deliveries.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from './support/test-database.js';

// Acceptance of issue 5 with real backend processes (the built dist/ booted by
// test/support/jobs-fixture.mjs, which adds the test kind `fixture.effect`: each run inserts a
// row into jobs_fixture_effect). Jobs are scheduled through JobsService of an in-test app whose
// own worker is off, so only the processes run them; results are counted in the database.

const LEASE_MS = 3000;
const KIND = 'fixture.effect';

interface Counts {
  jobs: number;
  done: number;
  effects: number;
  distinctJobs: number;
}

describe('jobs across backend processes', () => {
  let database: TestDatabase;
  let scheduler: TestApp;
  let processes: BackendProcess[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    // Migrates the database; schedules and reads, never runs jobs.
    scheduler = await startTestApp({ database, env: { JOBS_WORKER: 'false' } });
    await sql(
      scheduler,
      'create table jobs_fixture_effect (job_id integer not null, attempt integer not null, pid integer not null, done_at bigint not null)',
    );
  });

  afterEach(async () => {
    await Promise.all(processes.map((process) => process.kill()));
    processes = [];
    await scheduler?.app.close();
    await database?.drop();
  });

  const start = async (count: number): Promise<BackendProcess[]> => {
    const results = await Promise.allSettled(
      Array.from({ length: count }, () =>
        startBackendProcess(database, {
          env: { JOBS_POLL_MS: '200' },
          args: [`--lease-ms=${LEASE_MS}`],
        }),
      ),
    );
    const started = results.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    // Tracked before anything can fail, so that afterEach stops every process that did start.
    processes.push(...started);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return started;
  };

  /** Schedules `count` timers with keys `<prefix>-<i>` in one batch; returns their ids. */
  async function scheduleTimers(
    count: number,
    dueAt: (index: number) => Date,
    payload: Record<string, unknown> = {},
    keyPrefix = 'timer',
  ): Promise<number[]> {
    const { created } = await scheduler.app.get(JobsService).scheduleMany(
      Array.from({ length: count }, (_, index) => ({
        kind: KIND,
        tenantId: null,
        key: `${keyPrefix}-${index}`,
        dueAt: dueAt(index),
        payload,
      })),
    );
    expect(created).toBe(count);
    const rows = await sql(
      scheduler,
      'select id from job where substr(key, 1, ?) = ? order by id',
      [keyPrefix.length + 1, `${keyPrefix}-`],
    );
    return rows.map((row) => Number(row['id']));
  }

  async function counts(): Promise<Counts> {
    const [jobs] = await sql(
      scheduler,
      `select count(*) as n, sum(case when state = 'done' then 1 else 0 end) as done from job where kind = ?`,
      [KIND],
    );
    const [effects] = await sql(
      scheduler,
      'select count(*) as n, count(distinct job_id) as d from jobs_fixture_effect',
    );
    return {
      jobs: Number(jobs?.['n']),
      done: Number(jobs?.['done']),
      effects: Number(effects?.['n']),
      distinctJobs: Number(effects?.['d']),
    };
  }

  const allDone = (expected: number, timeoutMs: number): Promise<Counts> =>
    eventually(
      async () => {
        const now = await counts();
        return now.done === expected ? now : undefined;
      },
      timeoutMs,
      `${expected} jobs done`,
    );

  /** Ids of the jobs still running under a lease of the process (its pid is in the lease holder). */
  async function leasedBy(pid: number): Promise<number[]> {
    const rows = await sql(scheduler, "select id, locked_by from job where state = 'running'");
    return rows
      .filter((row) => String(row['locked_by']).split(':')[1] === String(pid))
      .map((row) => Number(row['id']));
  }

  /** PostgreSQL connections of a backend process (named by postgresApplicationName()). */
  async function connectionsOf(pid: number): Promise<number> {
    const [open] = await sql(
      scheduler,
      'select count(*) as n from pg_stat_activity where application_name = ?',
      [postgresApplicationName(pid)],
    );
    return Number(open?.['n']);
  }

  async function effectsPerJob(): Promise<Map<number, { attempt: number; pid: number }[]>> {
    const rows = await sql(scheduler, 'select job_id, attempt, pid from jobs_fixture_effect');
    const byJob = new Map<number, { attempt: number; pid: number }[]>();
    for (const row of rows) {
      const id = Number(row['job_id']);
      byJob.set(id, [
        ...(byJob.get(id) ?? []),
        { attempt: Number(row['attempt']), pid: Number(row['pid']) },
      ]);
    }
    return byJob;
  }

  if (testDatabaseKind() === 'postgres') {
    it.each([2, 3])(
      '%i processes fire 10,000 timers due within two seconds exactly once each',
      async (count) => {
        const started = await start(count);
        const base = Date.now() + 3000;
        await scheduleTimers(10_000, (index) => new Date(base + (index % 2000)));

        const result = await allDone(10_000, 60_000);
        expect(result).toEqual({
          jobs: 10_000,
          done: 10_000,
          effects: 10_000,
          distinctJobs: 10_000,
        });
        const perProcess = await sql(
          scheduler,
          'select pid, count(*) as n from jobs_fixture_effect group by pid',
        );
        const byPid = Object.fromEntries(
          perProcess.map((row) => [Number(row['pid']), Number(row['n'])]),
        );
        // All of them shared the work.
        expect(Object.keys(byPid).map(Number).sort()).toEqual(started.map((p) => p.pid).sort());
        const [retried] = await sql(
          scheduler,
          'select count(*) as n from job where kind = ? and attempts <> 1',
          [KIND],
        );
        expect(Number(retried?.['n'])).toBe(0);
      },
      90_000,
    );

    it('two processes, one killed with -9 mid-run: its leased jobs complete on the other after the lease', async () => {
      const [victim, ...survivors] = (await start(2)) as [BackendProcess, BackendProcess];
      const base = Date.now() + 1000;
      const ids = await scheduleTimers(4000, (index) => new Date(base + (index % 1000)), {
        sleepMs: 5,
      });

      await eventually(
        async () => ((await counts()).effects >= 800 ? true : undefined),
        60_000,
        'the run to be under way',
      );
      expect(await connectionsOf(victim.pid)).toBeGreaterThan(0);
      await victim.kill();
      // A statement already on the wire when the process died still runs (a completion can
      // commit after the kill); once PostgreSQL has closed the dead process's connections,
      // the jobs still leased to it are exactly the ones it left unfinished.
      await eventually(
        async () => ((await connectionsOf(victim.pid)) === 0 ? true : undefined),
        30_000,
        "the killed process's connections to close",
      );
      const orphaned = await leasedBy(victim.pid);
      expect(orphaned.length).toBeGreaterThan(0);

      const result = await allDone(4000, 60_000);
      expect(result.jobs).toBe(4000);
      expect(result.distinctJobs).toBe(4000);
      const effects = await effectsPerJob();
      expect(ids.filter((id) => (effects.get(id) ?? []).length === 0)).toEqual([]);
      // Only a job interrupted by the kill may have run twice (at least once delivery).
      const repeated = [...effects].filter(([, runs]) => runs.length > 1).map(([id]) => id);
      expect(repeated.filter((id) => !orphaned.includes(id))).toEqual([]);
      // Each orphan was claimed again once its lease ran out and finished on a survivor.
      const survivorPids = survivors.map((survivor) => survivor.pid);
      const orphanJobs = await sql(
        scheduler,
        `select id, attempts, state from job where id in (${orphaned.map(() => '?').join(', ')})`,
        orphaned,
      );
      for (const job of orphanJobs) {
        expect({ id: job['id'], state: job['state'], attempts: Number(job['attempts']) }).toEqual({
          id: job['id'],
          state: 'done',
          attempts: 2,
        });
        const runs = effects.get(Number(job['id'])) ?? [];
        expect(runs.some((run) => run.attempt === 2 && survivorPids.includes(run.pid))).toBe(true);
      }
    }, 90_000);
  }

  // A single instance restarting is the SQLite deployment; on PostgreSQL the tests above cover it.
  if (testDatabaseKind() === 'sqlite') {
    it('a restarted instance fires the timers scheduled before, and finishes what the killed one had leased', async () => {
      const [first] = (await start(1)) as [BackendProcess];
      const now = await scheduleTimers(600, () => new Date(), { sleepMs: 20 }, 'now');
      const laterDue = Date.now() + 8000;
      const later = await scheduleTimers(
        100,
        (index) => new Date(laterDue + index * 10),
        {},
        'later',
      );

      await eventually(
        async () => ((await counts()).effects >= 30 ? true : undefined),
        30_000,
        'some runs',
      );
      await first.kill();
      const orphaned = await leasedBy(first.pid);
      expect(orphaned.length).toBeGreaterThan(0);
      const [pending] = await sql(
        scheduler,
        `select count(*) as n from job where state = 'scheduled' and id in (${later.map(() => '?').join(', ')})`,
        later,
      );
      // The later timers had not fired when the instance died.
      expect(Number(pending?.['n'])).toBe(100);

      const [second] = (await start(1)) as [BackendProcess];
      const result = await allDone(700, 60_000);
      expect(result.jobs).toBe(700);
      const effects = await effectsPerJob();
      for (const id of later) {
        expect(effects.get(id)).toEqual([{ attempt: 1, pid: second.pid }]);
      }
      expect(now.filter((id) => (effects.get(id) ?? []).length === 0)).toEqual([]);
      const repeated = [...effects].filter(([, runs]) => runs.length > 1).map(([id]) => id);
      expect(repeated.filter((id) => !orphaned.includes(id))).toEqual([]);
    }, 90_000);
  }
});
