import { InvalidScheduleError } from '../src/jobs/cron-schedule.js';
import { toDate } from '../src/jobs/job-store.js';
import { RecurringJobsService } from '../src/jobs/recurring-jobs.service.js';
import { eventually, sql } from './support/host-deliveries.js';
import { recordingKind, type RecordedRun } from './support/jobs.js';
import { installTenant, platformPost } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const FAST = { JOBS_POLL_MS: '100', JOBS_CRON_TICK_MS: '200' };

async function cursor(t: TestApp, name: string): Promise<Date> {
  const rows = await sql(t, 'select next_slot_at from recurring_job where name = ?', [name]);
  return toDate(rows[0]?.['next_slot_at']);
}

describe('recurring jobs (cron)', () => {
  let t: TestApp;
  let recurring: RecurringJobsService;

  beforeAll(async () => {
    t = await startTestApp({ env: FAST });
    recurring = t.app.get(RecurringJobsService);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("turns each slot of a tenant's schedule into one job keyed by its slot", async () => {
    const tenant = await installTenant(t);
    const { kind, runs } = recordingKind(t, 'every-second');
    await recurring.define({
      name: 'tick',
      tenantId: tenant.tenantId,
      cron: '* * * * * *',
      timeZone: 'Europe/Prague',
      kind,
      payload: { from: 'cron' },
    });
    await eventually(() => (runs.length >= 3 ? true : undefined), 10_000, 'three slots');
    await recurring.remove('tick', tenant.tenantId);
    const keys = runs.map((run) => run.key ?? '');
    expect(new Set(keys).size).toBe(keys.length);
    for (const run of runs) {
      expect(run).toMatchObject({ tenantId: tenant.tenantId, payload: { from: 'cron' } });
      expect(run.key).toMatch(/^cron:tick:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    }
  });

  it('re-defining the same schedule keeps its cursor; a new cron or zone moves it; remove stops it', async () => {
    const { kind } = recordingKind(t, 'redefine');
    const first = await recurring.define({
      name: 'nightly',
      tenantId: null,
      cron: '0 3 * * *',
      timeZone: 'Europe/Prague',
      kind,
      payload: { v: 1 },
    });
    expect(first.created).toBe(true);
    // 03:00 in Prague is 01:00 or 02:00 UTC depending on DST.
    expect([1, 2]).toContain(first.nextSlotAt.getUTCHours());
    const again = await recurring.define({
      name: 'nightly',
      tenantId: null,
      cron: '0 3 * * *',
      timeZone: 'Europe/Prague',
      kind,
      payload: { v: 2 },
    });
    expect(again).toEqual({ created: false, nextSlotAt: first.nextSlotAt });
    expect((await recurring.list(null)).find((d) => d.name === 'nightly')).toMatchObject({
      payload: { v: 2 },
      nextSlotAt: first.nextSlotAt,
    });

    const moved = await recurring.define({
      name: 'nightly',
      tenantId: null,
      cron: '0 3 * * *',
      timeZone: 'America/New_York',
      kind,
      payload: { v: 2 },
    });
    expect(moved.created).toBe(false);
    expect([7, 8]).toContain(moved.nextSlotAt.getUTCHours());
    expect(await cursor(t, 'nightly')).toEqual(moved.nextSlotAt);

    expect(await recurring.remove('nightly', null)).toBe(true);
    expect(await recurring.remove('nightly', null)).toBe(false);
    expect((await recurring.list(null)).map((d) => d.name)).not.toContain('nightly');
  });

  it('after downtime runs only the newest missed slot, once', async () => {
    const { kind, runs } = recordingKind(t, 'missed');
    await recurring.define({
      name: 'hourly',
      tenantId: null,
      cron: '0 * * * *',
      timeZone: 'UTC',
      kind,
      payload: {},
    });
    // As if every instance had been down for five hours.
    const fiveHoursAgo = new Date(Date.now() - 5 * 3_600_000);
    fiveHoursAgo.setUTCMinutes(0, 0, 0);
    await sql(t, 'update recurring_job set next_slot_at = ? where name = ?', [
      testDatabaseKind() === 'postgres' ? fiveHoursAgo.toISOString() : fiveHoursAgo.getTime(),
      'hourly',
    ]);
    await eventually(() => (runs.length === 1 ? true : undefined), 10_000, 'the missed slot');
    const newest = new Date();
    newest.setUTCMinutes(0, 0, 0);
    expect(runs[0]?.key).toBe(`cron:hourly:${newest.toISOString()}`);
    expect((await cursor(t, 'hourly')).getTime()).toBe(newest.getTime() + 3_600_000);
    // More ticks pass; nothing else is due.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toHaveLength(1);
    await recurring.remove('hourly', null);
  });

  it('remove also drops slot jobs that have not started', async () => {
    // No instance runs this kind, so its slot job stays scheduled.
    await recurring.define({
      name: 'gone',
      tenantId: null,
      cron: '0 0 1 1 *',
      timeZone: 'UTC',
      kind: 'test.unhandled',
      payload: {},
    });
    const past = new Date(Date.now() - 1000);
    await sql(t, 'update recurring_job set next_slot_at = ? where name = ?', [
      testDatabaseKind() === 'postgres' ? past.toISOString() : past.getTime(),
      'gone',
    ]);
    const waiting = async (): Promise<number> =>
      Number(
        (
          await sql(
            t,
            "select count(*) as n from job where key like 'cron:gone:%' and state = 'scheduled'",
          )
        )[0]?.['n'],
      );
    await eventually(async () => ((await waiting()) === 1 ? true : undefined));
    expect(await recurring.remove('gone', null)).toBe(true);
    expect(await waiting()).toBe(0);
  });

  it('rejects an invalid cron, zone or name', async () => {
    const base = {
      name: 'bad',
      tenantId: null,
      cron: '0 3 * * *',
      timeZone: 'UTC',
      kind: 'test.x',
      payload: {},
    };
    await expect(recurring.define({ ...base, cron: '0 25 * * *' })).rejects.toBeInstanceOf(
      InvalidScheduleError,
    );
    await expect(recurring.define({ ...base, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      field: 'timeZone',
    });
    await expect(recurring.define({ ...base, name: 'has space' })).rejects.toMatchObject({
      field: 'name',
    });
  });

  it("goes with an uninstalled tenant's other data", async () => {
    const tenant = await installTenant(t);
    await recurring.define({
      name: 'mine',
      tenantId: tenant.tenantId,
      cron: '0 3 * * *',
      timeZone: 'UTC',
      kind: 'test.x',
      payload: {},
    });
    expect(await recurring.list(tenant.tenantId)).toHaveLength(1);
    expect((await platformPost(t, '/uninstall', { tenantId: tenant.tenantId })).status).toBe(204);
    expect(await recurring.list(tenant.tenantId)).toEqual([]);
  });

  // Several instances over one database exist only on PostgreSQL.
  if (testDatabaseKind() === 'postgres') {
    it('gives each slot to exactly one of several instances ticking at once', async () => {
      const others = [
        await startTestApp({ env: FAST, database: t.database }),
        await startTestApp({ env: FAST, database: t.database }),
      ];
      try {
        const instances = [t, ...others];
        const runs: RecordedRun[] = [];
        // Every instance records into the same list, so a slot run twice shows as a duplicate.
        for (const instance of instances) {
          recordingKind(instance, 'shared', (run) => {
            runs.push(run);
          });
        }
        const names = Array.from({ length: 20 }, (_, i) => `race-${i}`);
        for (const name of names) {
          await recurring.define({
            name,
            tenantId: null,
            cron: '* * * * * *',
            timeZone: 'UTC',
            kind: 'test.shared',
            payload: {},
          });
        }
        // Besides the interval ticks, all three tick at the same moment as hard as they can.
        const services = instances.map((instance) => instance.app.get(RecurringJobsService));
        for (let round = 0; round < 5; round++) {
          await Promise.all(services.map((service) => service.tick()));
        }
        await eventually(
          () => (runs.length >= 60 ? true : undefined),
          15_000,
          'three slots per schedule',
        );
        for (const name of names) await recurring.remove(name, null);
        // Let slot jobs already scheduled finish before counting.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const keys = runs.map((run) => run.key ?? '');
        expect(keys.length - new Set(keys).size).toBe(0);
        const jobs = await sql(
          t,
          "select key, count(*) as n from job where key like 'cron:race-%' group by key having count(*) > 1",
        );
        expect(jobs).toEqual([]);
      } finally {
        for (const other of others) await other.app.close();
      }
    });
  }
});
