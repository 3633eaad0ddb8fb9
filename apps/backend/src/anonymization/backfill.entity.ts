import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const BACKFILL_STATUSES = ['running', 'completed', 'failed'] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

/**
 * One walk of the host's session list into the ended-session index: sessions that ended in a
 * time range, page by page. `nextOffset` is committed with each page, so a walk cut short by
 * a crash continues where it stopped. One runs per tenant at a time (`activeKey`).
 */
@Entity({ tableName: 'anonymization_backfill' })
@Index({ properties: ['tenant', 'startedAt'] })
export class Backfill {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 16 })
  trigger!: 'install' | 'manual';

  @Property({ type: 'string', length: 16 })
  status: BackfillStatus = 'running';

  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  activeKey: string | null = null;

  /** The walk covers sessions that ended in [endedAfter, endedBefore]; no lower bound when null. */
  @Property({ type: 'datetime', nullable: true })
  endedAfter: Date | null = null;

  @Property({ type: 'datetime' })
  endedBefore!: Date;

  @Property({ type: 'integer' })
  nextOffset = 0;

  @Property({ type: 'integer' })
  pages = 0;

  @Property({ type: 'integer' })
  sessionsSeen = 0;

  @Property({ type: 'datetime' })
  startedAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}
