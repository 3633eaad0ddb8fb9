import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { Job, type JobState } from './job.entity.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { JobStore, type NewJobRow } from './job-store.js';
import { JobWakeups } from './job-wakeups.js';

export interface ScheduleJobInput {
  kind: string;
  /** null for a system job. */
  tenantId: string | null;
  /**
   * Deduplication key, unique per tenant among jobs not yet finished (scheduled, running,
   * failed-awaiting-retry). Without a key every call creates a job.
   */
  key?: string;
  /** Default: now. */
  dueAt?: Date;
  /** JSON-serialisable; handlers receive it parsed. */
  payload: unknown;
  /** Default: the kind's registered maxAttempts, else JOBS_MAX_ATTEMPTS. */
  maxAttempts?: number;
  /**
   * With a key that is already scheduled: move its due time and payload instead of doing nothing
   * (a restartable timer). A running job keeps running and runs again at the new due time.
   */
  replace?: boolean;
}

export interface ScheduledJob {
  id: number;
  /** false when an unfinished job of the same key already existed (moved if `replace`). */
  created: boolean;
}

/** A job as the service reports it (tests and admin). */
export interface JobView {
  id: number;
  kind: string;
  tenantId: string | null;
  key: string | null;
  payload: unknown;
  state: JobState;
  dueAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const KEY_MAX_LENGTH = 300;
/** Rows per insert statement of scheduleMany (8 parameters each, well under both dialects' limits). */
const BATCH_INSERT_ROWS = 500;

export function jobView(job: Job): JobView {
  return {
    id: job.id,
    kind: job.kind,
    tenantId: job.tenantId,
    key: job.key,
    payload: job.payload,
    state: job.state,
    dueAt: job.dueAt,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/**
 * Schedules, replaces and cancels durable jobs. Passing `em` makes the change part of the
 * caller's transaction (the job exists only if the caller commits); the worker is woken once that
 * transaction commits, otherwise at once.
 */
@Injectable()
export class JobsService {
  private readonly defaultMaxAttempts: number;

  constructor(
    private readonly em: EntityManager,
    private readonly store: JobStore,
    private readonly registry: JobHandlerRegistry,
    private readonly wakeups: JobWakeups,
    @InjectEnv() env: Env,
  ) {
    this.defaultMaxAttempts = env.JOBS_MAX_ATTEMPTS;
  }

  async schedule(input: ScheduleJobInput, em?: EntityManager): Promise<ScheduledJob> {
    const row = this.row(input);
    validate(row);
    const result = await this.upsert(row, input.replace === true, em);
    this.wakeups.jobDue(row.dueAt, em);
    return result;
  }

  /**
   * Schedules a batch (e.g. one timer per session) in few statements. Keys an unfinished job
   * already holds are skipped, as with `schedule`; there is no `replace`. Returns how many jobs
   * were created.
   */
  async scheduleMany(
    inputs: readonly Omit<ScheduleJobInput, 'replace'>[],
    em?: EntityManager,
  ): Promise<{ created: number }> {
    const rows = inputs.map((input) => this.row(input));
    rows.forEach(validate);
    let created = 0;
    for (let from = 0; from < rows.length; from += BATCH_INSERT_ROWS) {
      created += await this.store.insertMany(rows.slice(from, from + BATCH_INSERT_ROWS), em);
    }
    const earliest = rows.reduce((min, row) => Math.min(min, row.dueAt.getTime()), Infinity);
    if (rows.length > 0) this.wakeups.jobDue(new Date(earliest), em);
    return { created };
  }

  private row(input: Omit<ScheduleJobInput, 'replace'>): NewJobRow {
    return {
      kind: input.kind,
      tenantId: input.tenantId,
      key: input.key ?? null,
      payload: input.payload,
      dueAt: input.dueAt ?? new Date(),
      maxAttempts:
        input.maxAttempts ??
        this.registry.get(input.kind)?.options.maxAttempts ??
        this.defaultMaxAttempts,
    };
  }

  private async upsert(
    row: NewJobRow,
    replace: boolean,
    em?: EntityManager,
  ): Promise<ScheduledJob> {
    const { key } = row;
    // Between the insert that found the key taken and the lookup, the holder may finish (the
    // key is free again): then the next round inserts. Three rounds cover any realistic race.
    for (let round = 0; round < 3; round++) {
      const inserted = await this.store.insert(row, em);
      if (inserted !== null) return { id: inserted, created: true };
      if (key === null) break;
      const existing = replace
        ? await this.store.replace({ ...row, key }, em)
        : await this.store.findActiveId(row.tenantId, key, em);
      if (existing !== null) return { id: existing, created: false };
    }
    throw new Error(`Could not schedule job ${row.kind} (${String(key)}): the key kept changing`);
  }

  /**
   * Cancels the unfinished job of the key: a waiting one is deleted; a running one finishes its
   * attempt but is neither retried nor run again. false when no unfinished job has the key.
   */
  async cancel(tenantId: string | null, key: string, em?: EntityManager): Promise<boolean> {
    return this.store.cancel(tenantId, key, em);
  }

  /** Makes the waiting job of the key due now (admin "run now", tests that skip a long timer). */
  async runNow(tenantId: string | null, key: string): Promise<boolean> {
    const at = await this.store.expedite(tenantId, key);
    if (at !== null) this.wakeups.jobDue(at);
    return at !== null;
  }

  /**
   * Sends a dead job of the tenant through again (attempts start over), inside `em`'s
   * transaction. `not_found`: no dead job with that id for the tenant; `key_active`: another
   * unfinished job holds its key, so retrying would run the key twice.
   */
  async retryDead(
    id: number,
    tenantId: string,
    em: EntityManager,
  ): Promise<{ job: JobView } | { error: 'not_found' } | { error: 'key_active'; key: string }> {
    const dead = await em.findOne(Job, { id, tenantId, state: 'dead' });
    if (dead === null) return { error: 'not_found' };
    if (dead.key !== null && (await this.store.findActiveId(tenantId, dead.key, em)) !== null) {
      return { error: 'key_active', key: dead.key };
    }
    await this.store.retryDead(id, tenantId, em);
    await em.refresh(dead);
    this.wakeups.jobDue(new Date(), em);
    return { job: jobView(dead) };
  }

  async get(id: number): Promise<JobView | null> {
    const job = await this.em.fork().findOne(Job, { id });
    return job === null ? null : jobView(job);
  }

  /** The newest job of the key, finished or not (null: none). */
  async findByKey(tenantId: string | null, key: string): Promise<JobView | null> {
    const job = await this.em.fork().findOne(Job, { tenantId, key }, { orderBy: { id: 'DESC' } });
    return job === null ? null : jobView(job);
  }
}

function validate(row: NewJobRow): void {
  if (row.key !== null && (row.key.length === 0 || row.key.length > KEY_MAX_LENGTH)) {
    throw new Error(`Job key must be 1-${KEY_MAX_LENGTH} characters`);
  }
  if (Number.isNaN(row.dueAt.getTime())) throw new Error('Job dueAt is not a valid date');
  if (!Number.isInteger(row.maxAttempts) || row.maxAttempts < 1) {
    throw new Error('Job maxAttempts must be a positive integer');
  }
  if (row.kind.length === 0 || row.kind.length > 100)
    throw new Error('Job kind must be 1-100 characters');
}
