import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const JOB_STATES = ['scheduled', 'running', 'done', 'failed', 'dead'] as const;
/**
 * scheduled: waiting for its due time; running: claimed under a lease; failed: an attempt threw
 * and a retry is scheduled; done: finished; dead: out of attempts (a dead letter, retryable).
 */
export type JobState = (typeof JOB_STATES)[number];
/** States in which a job still holds its key (scheduling the key again is a no-op). */
export const ACTIVE_JOB_STATES = ['scheduled', 'running', 'failed'] as const satisfies JobState[];

/** What a running job does when its attempt ends, set by a replace or a cancel during the run. */
export type JobAfterRun = 'rerun' | 'cancel';

/**
 * One durable job: a handler kind with a payload, due at a time. `availableAt` is when a worker
 * may next claim the row: the due time of a scheduled job, the retry time of a failed one, the
 * end of the lease of a running one (so a crashed worker's job is claimed again once its lease
 * ends). `dueAt` stays the time the job was meant to run (lag, admin lists).
 *
 * The partial indexes are written as SQL that both dialects accept: the key is unique per tenant
 * (system jobs, without tenant, share one scope) only among active jobs, and the claim scans only
 * active jobs, so finished rows cost nothing until the retention sweep deletes them.
 */
@Entity({ tableName: 'job' })
@Unique({
  name: 'job_active_key_unique',
  expression: `create unique index "job_active_key_unique" on "job" (coalesce("tenant_id", ''), "key") where "state" in ('scheduled', 'running', 'failed')`,
})
@Index({
  name: 'job_claim_index',
  expression: `create index "job_claim_index" on "job" ("available_at") where "state" in ('scheduled', 'running', 'failed')`,
})
@Index({ properties: ['tenantId', 'state', 'kind'] })
@Index({ properties: ['state', 'finishedAt'] })
export class Job {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 100 })
  kind!: string;

  /** null for system jobs; a tenant's jobs go with its uninstall (cascade). */
  @ManyToOne(() => Tenant, {
    fieldName: 'tenant_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'cascade',
    updateRule: 'cascade',
  })
  tenantId: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  key: string | null = null;

  @Property({ type: 'json' })
  payload: unknown = {};

  @Property({ type: 'string', length: 16 })
  state: JobState = 'scheduled';

  @Property({ type: 'datetime' })
  dueAt: Date = new Date();

  @Property({ type: 'datetime' })
  availableAt: Date = new Date();

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'integer' })
  maxAttempts = 1;

  @Property({ type: 'string', length: 16, nullable: true })
  afterRun: JobAfterRun | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** The instance that holds the lease of a running job (diagnostics). */
  @Property({ type: 'string', length: 100, nullable: true })
  lockedBy: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;
}
