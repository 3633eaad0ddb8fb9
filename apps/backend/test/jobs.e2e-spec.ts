import { EntityManager } from '@mikro-orm/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { JobHandlerRegistry } from '../src/jobs/job-handler.registry.js';
import { JOB_SETTLED, type JobSettledEvent } from '../src/jobs/jobs.events.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { eventually, sql } from './support/host-deliveries.js';
import { recordingKind, waitForJob } from './support/jobs.js';
import { installTenant, platformPost } from './support/tenants.js';
import { testDatabaseKind } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const inAMinute = (): Date => new Date(Date.now() + 60_000);

describe('durable jobs', () => {
  let t: TestApp;
  let jobs: JobsService;

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_POLL_MS: '100' } });
    jobs = t.app.get(JobsService);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('runs a job scheduled for now with its payload, and records it as done', async () => {
    const { kind, runs } = recordingKind(t, 'now');
    const { id, created } = await jobs.schedule({
      kind,
      tenantId: null,
      payload: { hello: 'world' },
    });
    expect(created).toBe(true);
    const job = await waitForJob(t, id);
    expect(job).toMatchObject({ state: 'done', attempts: 1, lastError: null });
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(runs).toEqual([
      { id, key: null, tenantId: null, payload: { hello: 'world' }, attempt: 1 },
    ]);
  });

  it('keeps a timer until it is due; runNow makes it due at once', async () => {
    const { kind, runs } = recordingKind(t, 'timer');
    const { id } = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'later',
      dueAt: inAMinute(),
      payload: {},
    });
    // A full poll round later it is still waiting (it is due in a minute).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await jobs.get(id))?.state).toBe('scheduled');
    expect(runs).toEqual([]);

    expect(await jobs.runNow(null, 'later')).toBe(true);
    expect((await waitForJob(t, id)).state).toBe('done');
    expect(runs.map((run) => run.id)).toEqual([id]);
    expect(await jobs.runNow(null, 'later')).toBe(false);
  });

  it('schedules a key once while it is unfinished, again after it finished', async () => {
    const { kind, runs } = recordingKind(t, 'dedupe');
    const due = inAMinute();
    const first = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'once',
      dueAt: due,
      payload: { n: 1 },
    });
    const second = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'once',
      dueAt: new Date(),
      payload: { n: 2 },
    });
    expect(second).toEqual({ id: first.id, created: false });
    // The no-op kept the first due time and payload.
    expect(await jobs.get(first.id)).toMatchObject({
      dueAt: due,
      payload: { n: 1 },
      state: 'scheduled',
    });

    await jobs.runNow(null, 'once');
    await waitForJob(t, first.id);
    const third = await jobs.schedule({ kind, tenantId: null, key: 'once', payload: { n: 3 } });
    expect(third.created).toBe(true);
    await waitForJob(t, third.id);
    expect(runs.map((run) => run.payload)).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('schedules a batch in one go, skipping keys already held', async () => {
    const { kind, runs } = recordingKind(t, 'batch');
    await jobs.schedule({
      kind,
      tenantId: null,
      key: 'batch-1',
      dueAt: inAMinute(),
      payload: { n: 'old' },
    });
    const { created } = await jobs.scheduleMany([
      { kind, tenantId: null, key: 'batch-1', payload: { n: 1 } },
      { kind, tenantId: null, key: 'batch-2', payload: { n: 2 } },
      { kind, tenantId: null, key: 'batch-2', payload: { n: 'twice in the batch' } },
      { kind, tenantId: null, payload: { n: 3 } },
    ]);
    expect(created).toBe(2);
    await eventually(() => (runs.length === 2 ? true : undefined), 10_000, 'two runs');
    expect(runs.map((run) => run.payload)).toEqual(expect.arrayContaining([{ n: 2 }, { n: 3 }]));
    expect((await jobs.findByKey(null, 'batch-1'))?.payload).toEqual({ n: 'old' });
    expect(await jobs.scheduleMany([])).toEqual({ created: 0 });
  });

  it('keeps keys apart per tenant', async () => {
    const { kind } = recordingKind(t, 'tenantkeys');
    const a = await installTenant(t);
    const b = await installTenant(t);
    const forA = await jobs.schedule({
      kind,
      tenantId: a.tenantId,
      key: 'k',
      dueAt: inAMinute(),
      payload: {},
    });
    const forB = await jobs.schedule({
      kind,
      tenantId: b.tenantId,
      key: 'k',
      dueAt: inAMinute(),
      payload: {},
    });
    const system = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'k',
      dueAt: inAMinute(),
      payload: {},
    });
    expect(new Set([forA.id, forB.id, system.id]).size).toBe(3);
    expect([forA.created, forB.created, system.created]).toEqual([true, true, true]);
    expect(await jobs.cancel(a.tenantId, 'k')).toBe(true);
    expect(await jobs.get(forB.id)).not.toBeNull();
    expect(await jobs.get(system.id)).not.toBeNull();
  });

  it('cancels a waiting job by key', async () => {
    const { kind, runs } = recordingKind(t, 'cancel');
    const { id } = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'doomed',
      dueAt: inAMinute(),
      payload: {},
    });
    expect(await jobs.cancel(null, 'doomed')).toBe(true);
    expect(await jobs.get(id)).toBeNull();
    expect(await jobs.cancel(null, 'doomed')).toBe(false);
    expect(await jobs.runNow(null, 'doomed')).toBe(false);
    expect(runs).toEqual([]);
  });

  it('replace moves a waiting timer to a new due time and payload (a restartable timer)', async () => {
    const { kind, runs } = recordingKind(t, 'replace');
    const first = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'grace',
      dueAt: inAMinute(),
      payload: { v: 'old' },
    });
    const later = new Date(Date.now() + 120_000);
    const moved = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'grace',
      dueAt: later,
      payload: { v: 'mid' },
      replace: true,
    });
    expect(moved).toEqual({ id: first.id, created: false });
    expect(await jobs.get(first.id)).toMatchObject({
      dueAt: later,
      payload: { v: 'mid' },
      state: 'scheduled',
    });

    await jobs.schedule({
      kind,
      tenantId: null,
      key: 'grace',
      payload: { v: 'new' },
      replace: true,
    });
    await waitForJob(t, first.id);
    expect(runs.map((run) => run.payload)).toEqual([{ v: 'new' }]);
  });

  it('replace during a run lets the run finish, then runs again with the new payload', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { kind, runs } = recordingKind(t, 'rerun', async (run) => {
      if (run.payload !== null && (run.payload as { v: number }).v === 1) await blocked;
    });
    const { id } = await jobs.schedule({ kind, tenantId: null, key: 'r', payload: { v: 1 } });
    await waitForJob(t, id, ['running']);
    await eventually(() => (runs.length === 1 ? true : undefined));
    const replaced = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'r',
      payload: { v: 2 },
      replace: true,
    });
    expect(replaced).toEqual({ id, created: false });
    release();
    await eventually(() => (runs.length === 2 ? true : undefined), 10_000, 'the second run');
    const job = await waitForJob(t, id);
    expect(job).toMatchObject({ state: 'done', attempts: 1, payload: { v: 2 } });
    expect(runs.map((run) => run.payload)).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('retries a failing job with backoff, then keeps it as a dead letter', async () => {
    const settled: JobSettledEvent[] = [];
    const events = t.app.get(EventEmitter2);
    const startedAt: number[] = [];
    const { kind, runs } = recordingKind(
      t,
      'dead',
      (run) => {
        startedAt.push(Date.now());
        throw new Error(`attempt ${run.attempt} broke`);
      },
      { maxAttempts: 3, backoffMs: 300 },
    );
    const listener = (event: JobSettledEvent): void => {
      if (event.kind === kind) settled.push(event);
    };
    events.on(JOB_SETTLED, listener);
    try {
      const { id } = await jobs.schedule({ kind, tenantId: null, payload: {} });
      const job = await waitForJob(t, id);
      expect(job).toMatchObject({
        state: 'dead',
        attempts: 3,
        maxAttempts: 3,
        lastError: 'attempt 3 broke',
      });
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
      // The pause doubles: at least 300 ms before the second attempt, 600 ms before the third
      // (a retry is never due sooner; how much later depends on the machine).
      const [first = 0, second = 0, third = 0] = startedAt;
      expect(second - first).toBeGreaterThanOrEqual(300);
      expect(third - second).toBeGreaterThanOrEqual(600);
      expect(settled.map((event) => [event.state, event.error])).toEqual([
        ['failed', 'attempt 1 broke'],
        ['failed', 'attempt 2 broke'],
        ['dead', 'attempt 3 broke'],
      ]);
      // A dead job no longer holds its key... (no key here) and is not claimed again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs).toHaveLength(3);
    } finally {
      events.off(JOB_SETTLED, listener);
    }
  });

  it('a retry that succeeds ends done; a schedule call can lower maxAttempts', async () => {
    const { kind, runs } = recordingKind(
      t,
      'flaky',
      (run) => {
        if (run.attempt === 1) throw new Error('transient');
      },
      { backoffMs: 20 },
    );
    const flaky = await jobs.schedule({ kind, tenantId: null, payload: {} });
    expect(await waitForJob(t, flaky.id)).toMatchObject({
      state: 'done',
      attempts: 2,
      lastError: null,
    });
    const once = await jobs.schedule({ kind, tenantId: null, payload: {}, maxAttempts: 1 });
    expect(await waitForJob(t, once.id)).toMatchObject({
      state: 'dead',
      attempts: 1,
      lastError: 'transient',
    });
    expect(runs).toHaveLength(3);
  });

  it('renews the lease of a job that runs longer than its lease, so it runs once', async () => {
    const { kind, runs } = recordingKind(
      t,
      'long',
      () => new Promise((resolve) => setTimeout(resolve, 2500)),
      { leaseMs: 900 },
    );
    const { id } = await jobs.schedule({ kind, tenantId: null, payload: {} });
    expect(await waitForJob(t, id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(runs).toHaveLength(1);
  });

  it('claims again a job whose lease ran out (its instance died); one past its attempts is dead', async () => {
    const { kind, runs } = recordingKind(t, 'orphan');
    const past = new Date(Date.now() - 1000);
    const stamp = testDatabaseKind() === 'postgres' ? past.toISOString() : past.getTime();
    const orphan = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'orphan',
      dueAt: inAMinute(),
      payload: {},
    });
    const spent = await jobs.schedule({
      kind,
      tenantId: null,
      key: 'spent',
      dueAt: inAMinute(),
      payload: {},
      maxAttempts: 2,
    });
    // As a crashed instance leaves them: running, lease over.
    await sql(
      t,
      "update job set state = 'running', locked_by = 'gone:1:x', attempts = ?, available_at = ? where id = ?",
      [1, stamp, orphan.id],
    );
    await sql(
      t,
      "update job set state = 'running', locked_by = 'gone:1:x', attempts = ?, available_at = ? where id = ?",
      [2, stamp, spent.id],
    );
    expect(await waitForJob(t, orphan.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(await waitForJob(t, spent.id)).toMatchObject({ state: 'dead', attempts: 3 });
    expect((await jobs.get(spent.id))?.lastError).toMatch(/^lease_expired/);
    expect(runs.map((run) => [run.id, run.attempt])).toEqual([[orphan.id, 2]]);
  });

  it("schedules inside the caller's transaction: a rollback leaves no job, a commit runs it", async () => {
    const { kind, runs } = recordingKind(t, 'tx');
    const em = t.app.get(EntityManager).fork();
    await expect(
      em.transactional(async (tx) => {
        await jobs.schedule({ kind, tenantId: null, key: 'rolled-back', payload: {} }, tx);
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await jobs.findByKey(null, 'rolled-back')).toBeNull();

    const { id } = await em
      .fork()
      .transactional((tx) =>
        jobs.schedule({ kind, tenantId: null, key: 'committed', payload: { ok: true } }, tx),
      );
    expect((await waitForJob(t, id)).state).toBe('done');
    expect(runs.map((run) => run.payload)).toEqual([{ ok: true }]);
  });

  it('a transactional handler commits its writes with the completion, or not at all', async () => {
    await sql(
      t,
      'create table jobs_spec_effect (job_id integer not null, attempt integer not null)',
    );
    t.app.get(JobHandlerRegistry).register(
      'test.transactional',
      async (job, em) => {
        await em
          .getConnection()
          .execute(
            'insert into jobs_spec_effect (job_id, attempt) values (?, ?)',
            [job.id, job.attempt],
            'run',
            em.getTransactionContext(),
          );
        if (job.attempt === 1) throw new Error('after the write');
      },
      { transactional: true, backoffMs: 20 },
    );
    const { id } = await jobs.schedule({ kind: 'test.transactional', tenantId: null, payload: {} });
    expect(await waitForJob(t, id)).toMatchObject({ state: 'done', attempts: 2 });
    const effects = await sql(t, 'select attempt from jobs_spec_effect where job_id = ?', [id]);
    expect(effects.map((row) => Number(row['attempt']))).toEqual([2]);
  });

  it("does not run an uninstalled tenant's jobs: they go with the tenant", async () => {
    const { kind, runs } = recordingKind(t, 'uninstall');
    const tenant = await installTenant(t);
    const { id } = await jobs.schedule({
      kind,
      tenantId: tenant.tenantId,
      key: 'x',
      dueAt: inAMinute(),
      payload: {},
    });
    const response = await platformPost(t, '/uninstall', { tenantId: tenant.tenantId });
    expect(response.status).toBe(204);
    expect(await jobs.get(id)).toBeNull();
    expect(await jobs.runNow(tenant.tenantId, 'x')).toBe(false);
    expect(runs).toEqual([]);
    // And a job cannot be scheduled for a tenant that is not installed.
    await expect(jobs.schedule({ kind, tenantId: tenant.tenantId, payload: {} })).rejects.toThrow();
  });

  it('rejects programming errors in a schedule call', async () => {
    await expect(
      jobs.schedule({ kind: 'test.x', tenantId: null, key: '', payload: {} }),
    ).rejects.toThrow('Job key');
    await expect(
      jobs.schedule({ kind: 'test.x', tenantId: null, payload: {}, maxAttempts: 0 }),
    ).rejects.toThrow('maxAttempts');
    expect(() =>
      t.app.get(JobHandlerRegistry).register('Bad Kind', () => Promise.resolve()),
    ).toThrow('must match');
  });
});
