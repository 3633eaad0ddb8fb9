import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';
import { AnonymizationRun } from './anonymization-run.entity.js';

/**
 * pending → done (every category on the host and Switchboard's data), failed (a category could
 * not be erased; retried by the next run), skipped (the host's current record no longer matches:
 * legal hold, gone, changed), deferred (the run stopped before reaching it).
 */
export const ITEM_STATUSES = ['pending', 'done', 'failed', 'skipped', 'deferred'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/**
 * One session a run selected. Workers claim pending items by moving `availableAt` to the end of
 * a lease (a crashed worker's items become claimable again when it passes) and finish them with
 * a conditional update, so an item is finished once even if two workers ever held it.
 */
@Entity({ tableName: 'anonymization_run_item' })
@Unique({ properties: ['run', 'sessionId'] })
@Index({ properties: ['run', 'status', 'seq'] })
export class AnonymizationRunItem {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => AnonymizationRun, { deleteRule: 'cascade', updateRule: 'cascade' })
  run!: AnonymizationRun;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  sessionId!: string;

  /** Processing order: oldest ended first. */
  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'string', length: 16 })
  status: ItemStatus = 'pending';

  /** Why an item was skipped or deferred (legal_hold, not_found, no_longer_matches, window_end…). */
  @Property({ type: 'string', length: 64, nullable: true })
  reason: string | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'datetime' })
  availableAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;
}
