import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { EntityManager, RequestContext } from '@mikro-orm/core';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import {
  type JobContext,
  JobHandlerRegistry,
  type RegisteredJobKind,
} from './job-handler.registry.js';
import { type ClaimedJob, JobStore } from './job-store.js';
import { JobWakeups } from './job-wakeups.js';
import { JOB_SETTLED, type JobSettledEvent } from './jobs.events.js';

const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** Shortest gap between two claims when due rows exist but others hold them. */
const MIN_REPOLL_MS = 20;
const PURGE_EVERY_MS = 10 * 60_000;
/** Most successful attempts recorded by one statement. */
const COMPLETION_BATCH = 200;
const LEASE_EXPIRED = 'lease_expired: the instance running this job stopped before it finished';

interface Running {
  job: ClaimedJob;
  leaseMs: number;
  finished: Promise<void>;
}

interface PendingCompletion {
  job: ClaimedJob;
  resolve: (state: JobSettledEvent['state'] | null) => void;
  reject: (error: unknown) => void;
}

class LeaseLostError extends Error {
  constructor() {
    super('lease lost before the job was recorded as done');
  }
}

/**
 * Claims due jobs and runs their handlers, up to JOBS_CONCURRENCY at a time. It claims when a
 * job is scheduled on this instance (JobWakeups), when a running job ends and more may be due, at
 * the earliest known due time, and at least every JOBS_POLL_MS (jobs other instances scheduled).
 * Claims are one statement (see `claimJobsSql`), so several instances share the table without
 * running a job twice; a heartbeat renews the leases of running jobs, and a job whose lease ran out
 * (its instance died) is claimed again by any instance. Delivery is at least once: a handler
 * interrupted by a crash runs again, so handlers must be idempotent, or be `transactional`.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** Identifies this process's leases; a lease taken over by another instance has another id. */
  readonly workerId = `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger(JobWorker.name);
  private readonly running = new Map<number, Running>();
  private started = false;
  private stopping = false;
  private filling: Promise<void> | null = null;
  private fillAgain = false;
  /** The last claim found fewer jobs than it asked for: wait for a timer or a wakeup. */
  private drained = false;
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeAt = Number.POSITIVE_INFINITY;
  private heartbeat: NodeJS.Timeout | null = null;
  private heartbeatAt = 0;
  private renewing = false;
  /** Set once unfinished jobs were given back at shutdown: their leases are no longer ours. */
  private gaveBack = false;
  private lastPurge = 0;
  private readonly completions: PendingCompletion[] = [];
  private completing: Promise<void> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly store: JobStore,
    private readonly registry: JobHandlerRegistry,
    private readonly wakeups: JobWakeups,
    private readonly events: EventEmitter2,
    @InjectEnv() private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.JOBS_WORKER) return;
    this.started = true;
    this.wakeups.listen((dueAt) => this.jobDue(dueAt));
    this.registry.onRegister(() => this.wake());
    this.wake();
  }

  /**
   * Graceful shutdown, before the ORM closes: stop claiming, let running jobs finish for up to
   * JOBS_SHUTDOWN_GRACE_MS (leases still renewed), then give the rest back so that another
   * instance runs them at once instead of after their lease.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    this.wakeups.listen(null);
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    await this.filling;
    const finished = Promise.all([...this.running.values()].map((entry) => entry.finished));
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      new Promise((resolve) => {
        grace = setTimeout(resolve, this.env.JOBS_SHUTDOWN_GRACE_MS);
      }),
    ]);
    clearTimeout(grace);
    const unfinished = [...this.running.values()].map((entry) => entry.job);
    if (unfinished.length > 0) {
      try {
        const released = await this.store.release(unfinished, this.workerId);
        this.logger.warn({ released }, 'Gave unfinished jobs back at shutdown');
      } catch (error) {
        this.logger.error(
          { err: error },
          'Could not give jobs back at shutdown (they wait for their lease)',
        );
      }
    }
    this.gaveBack = true;
    if (this.heartbeat !== null) clearTimeout(this.heartbeat);
    this.heartbeat = null;
  }

  /** Jobs this instance is running now. */
  runningCount(): number {
    return this.running.size;
  }

  private jobDue(dueAt: Date): void {
    if (dueAt.getTime() <= Date.now()) this.wake();
    else this.wakeAtTime(dueAt.getTime());
  }

  private wake(): void {
    this.drained = false;
    this.fill();
  }

  private fill(): void {
    if (!this.started || this.stopping) return;
    if (this.filling !== null) {
      this.fillAgain = true;
      return;
    }
    this.filling = this.claimWhileFree().finally(() => {
      this.filling = null;
      if (this.fillAgain) {
        this.fillAgain = false;
        this.fill();
      }
    });
  }

  /** Claims until the concurrency is used up or nothing more is due, then sets the next wakeup. */
  private async claimWhileFree(): Promise<void> {
    try {
      const kinds = this.registry.registeredKinds();
      for (;;) {
        if (this.stopping) return;
        const free = this.env.JOBS_CONCURRENCY - this.running.size;
        // Full: each finished job triggers the next claim.
        if (free <= 0) return;
        this.fillAgain = false;
        const claimed = await this.store.claim(
          kinds.map((kind) => ({ kind, leaseMs: this.leaseMs(kind) })),
          this.env.JOBS_LEASE_MS,
          this.workerId,
          free,
        );
        for (const job of claimed) this.start(job);
        if (claimed.length < free) break;
      }
      this.drained = true;
      await this.purgeNowAndThen();
      const next = await this.store.nextAvailableAt(kinds);
      const now = Date.now();
      const pollAt = now + this.env.JOBS_POLL_MS;
      this.wakeAtTime(
        next === null ? pollAt : Math.min(pollAt, Math.max(next.getTime(), now + MIN_REPOLL_MS)),
      );
    } catch (error) {
      this.logger.error({ err: error }, 'Claiming jobs failed');
      this.wakeAtTime(Date.now() + this.env.JOBS_POLL_MS);
    }
  }

  private wakeAtTime(at: number): void {
    if (!this.started || this.stopping) return;
    if (this.wakeTimer !== null && this.wakeAt <= at) return;
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = null;
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.wake();
      },
      Math.max(0, at - Date.now()),
    );
    this.wakeTimer.unref();
  }

  private leaseMs(kind: string): number {
    return this.registry.get(kind)?.options.leaseMs ?? this.env.JOBS_LEASE_MS;
  }

  private start(job: ClaimedJob): void {
    const kind = this.registry.get(job.kind);
    const entry: Running = { job, leaseMs: this.leaseMs(job.kind), finished: Promise.resolve() };
    this.running.set(job.id, entry);
    this.armHeartbeat();
    entry.finished = this.execute(job, kind)
      .catch((error: unknown) => {
        this.logger.error({ err: error, jobId: job.id }, 'Recording a job outcome failed');
      })
      .finally(() => {
        this.running.delete(job.id);
        if (!this.drained) this.fill();
      });
  }

  private async execute(job: ClaimedJob, kind: RegisteredJobKind | undefined): Promise<void> {
    if (kind === undefined) {
      // Unreachable: only registered kinds are claimed. Give it back rather than fail it.
      await this.store.release([job], this.workerId);
      return;
    }
    if (job.attempts > job.maxAttempts) {
      this.settle(
        job,
        await this.store.fail(job, this.workerId, LEASE_EXPIRED, new Date()),
        LEASE_EXPIRED,
      );
      return;
    }
    const context: JobContext = {
      id: job.id,
      kind: job.kind,
      tenantId: job.tenantId,
      key: job.key,
      payload: job.payload,
      attempt: job.attempts,
      dueAt: job.dueAt,
    };
    try {
      if (kind.options.transactional === true) {
        const state = await this.em.fork().transactional(async (tx) => {
          await kind.handler(context, tx);
          const recorded = await this.store.complete(job, this.workerId, tx);
          // Rolls the handler's writes back: another instance owns the job now.
          if (recorded === null) throw new LeaseLostError();
          return recorded;
        });
        this.settle(job, state, null);
        return;
      }
      // The injected EntityManager resolves to a context of this run's own.
      await RequestContext.create(this.em, () => kind.handler(context, this.em.getContext()));
      // Given back at shutdown while it ran: another instance owns it (and the ORM is closing).
      if (this.gaveBack) return;
      this.settle(job, await this.completeSoon(job), null);
    } catch (error) {
      if (this.gaveBack) return;
      if (error instanceof LeaseLostError) {
        this.settle(job, null, null);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      const backoff = kind.options.backoffMs ?? this.env.JOBS_RETRY_BASE_MS;
      const delay = Math.min(backoff * 2 ** (job.attempts - 1), MAX_RETRY_DELAY_MS);
      this.logger.warn(
        {
          jobId: job.id,
          kind: job.kind,
          tenantId: job.tenantId,
          attempt: job.attempts,
          err: error,
        },
        'Job attempt failed',
      );
      const state = await this.store.fail(
        job,
        this.workerId,
        message,
        new Date(Date.now() + delay),
      );
      this.settle(job, state, message);
    }
  }

  /**
   * Records a successful attempt together with the others that end while the previous write is
   * in flight: one statement for many jobs (group commit) instead of one each.
   */
  private completeSoon(job: ClaimedJob): Promise<JobSettledEvent['state'] | null> {
    return new Promise((resolve, reject) => {
      this.completions.push({ job, resolve, reject });
      if (this.completing === null) this.completing = this.flushCompletions();
    });
  }

  private async flushCompletions(): Promise<void> {
    while (this.completions.length > 0) {
      const batch = this.completions.splice(0, COMPLETION_BATCH);
      try {
        const states = await this.store.completeMany(
          batch.map((entry) => entry.job),
          this.workerId,
        );
        for (const entry of batch) entry.resolve(states.get(entry.job.id) ?? null);
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.completing = null;
  }

  private settle(
    job: ClaimedJob,
    state: JobSettledEvent['state'] | null,
    error: string | null,
  ): void {
    if (state === null) {
      this.logger.warn(
        { jobId: job.id, kind: job.kind, attempt: job.attempts },
        'Job outcome not recorded: its lease was taken over (or the tenant uninstalled)',
      );
      return;
    }
    if (state === 'dead') {
      this.logger.error(
        { jobId: job.id, kind: job.kind, tenantId: job.tenantId, error },
        'Job is dead',
      );
    }
    const event: JobSettledEvent = {
      id: job.id,
      kind: job.kind,
      tenantId: job.tenantId,
      key: job.key,
      attempt: job.attempts,
      state,
      error,
    };
    this.events.emit(JOB_SETTLED, event);
  }

  /**
   * Renews the leases of running jobs every third of the shortest lease among them; a job with a
   * shorter lease than the ones running brings the next renewal forward.
   */
  private armHeartbeat(): void {
    if (this.gaveBack || this.renewing || this.running.size === 0) return;
    const shortest = Math.min(...[...this.running.values()].map((entry) => entry.leaseMs));
    const at = Date.now() + Math.max(100, Math.floor(shortest / 3));
    if (this.heartbeat !== null) {
      if (this.heartbeatAt <= at) return;
      clearTimeout(this.heartbeat);
    }
    this.heartbeatAt = at;
    this.heartbeat = setTimeout(() => {
      this.heartbeat = null;
      this.renewing = true;
      void this.renewLeases().finally(() => {
        this.renewing = false;
        this.armHeartbeat();
      });
    }, at - Date.now());
    this.heartbeat.unref();
  }

  private async renewLeases(): Promise<void> {
    const byLease = new Map<number, number[]>();
    for (const [id, entry] of this.running) {
      byLease.set(entry.leaseMs, [...(byLease.get(entry.leaseMs) ?? []), id]);
    }
    try {
      for (const [leaseMs, ids] of byLease) {
        const held = await this.store.renew(ids, leaseMs, this.workerId);
        const lost = ids.filter((id) => !held.has(id));
        if (lost.length > 0) {
          this.logger.warn({ jobIds: lost }, 'Lost the lease of running jobs');
        }
      }
    } catch (error) {
      this.logger.error({ err: error }, 'Renewing job leases failed');
    }
  }

  private async purgeNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    const before = new Date(now - this.env.JOBS_RETENTION_HOURS * 3_600_000);
    let purged = 0;
    for (
      let batch = await this.store.purgeDone(before);
      batch > 0;
      batch = await this.store.purgeDone(before)
    ) {
      purged += batch;
      if (this.stopping) break;
    }
    if (purged > 0) this.logger.log({ purged }, 'Deleted finished jobs past retention');
  }
}
