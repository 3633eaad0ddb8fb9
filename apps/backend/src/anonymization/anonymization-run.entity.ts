import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';
import type { AnonymizationRule } from './anonymization-rule.js';

export const RUN_TRIGGERS = ['schedule', 'manual'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** How the host is asked: by category (extension) or the v1 whole-session call. */
export const RUN_MODES = ['categories', 'whole_session'] as const;
export type RunMode = (typeof RUN_MODES)[number];

/**
 * running → completed | completed_with_failures (every item finished), stopped (the window
 * closed; what is left is deferred to the next run), cancelled (an admin stopped it).
 */
export const RUN_STATUSES = [
  'running',
  'completed',
  'completed_with_failures',
  'stopped',
  'cancelled',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * One anonymization run: the rule as it was when the run began, the sessions it selected (its
 * items) and what became of them. `activeKey` holds the tenant id while the run is running, so
 * a unique index allows one running run per tenant; `slot` names the scheduled occurrence that
 * created it, so a repeated trigger resumes the run instead of starting another.
 */
@Entity({ tableName: 'anonymization_run' })
@Unique({ properties: ['tenant', 'slot'] })
@Index({ properties: ['tenant', 'createdAt'] })
export class AnonymizationRun {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 16 })
  trigger!: RunTrigger;

  @Property({ type: 'string', length: 200, nullable: true })
  slot: string | null = null;

  /** Who asked (user id) for a manual run; null for a scheduled one. */
  @Property({ type: 'string', length: 200, nullable: true })
  requestedBy: string | null = null;

  @Property({ type: 'json' })
  rule!: AnonymizationRule;

  /** Sessions that ended before this instant match the rule's age. */
  @Property({ type: 'datetime' })
  cutoff!: Date;

  /** End of the tenant's window for a scheduled run; the run stops there. */
  @Property({ type: 'datetime', nullable: true })
  deadline: Date | null = null;

  @Property({ type: 'string', length: 16 })
  mode!: RunMode;

  @Property({ type: 'string', length: 32 })
  status: RunStatus = 'running';

  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  activeKey: string | null = null;

  /** Items selected at the start. The per-status counts are read from the items while running. */
  @Property({ type: 'integer' })
  total = 0;

  /** Final counts, written when the run ends. */
  @Property({ type: 'json', nullable: true })
  counts: Record<string, number> | null = null;

  /** Wall time spent waiting for the host and in Switchboard's own work, summed over batches. */
  @Property({ type: 'integer' })
  hostMs = 0;

  @Property({ type: 'integer' })
  switchboardMs = 0;

  /** The part of `switchboardMs` spent in the capabilities' erasers of Switchboard's own data. */
  @Property({ type: 'integer' })
  erasureMs = 0;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastProgressAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}
