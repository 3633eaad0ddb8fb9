import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * A cron definition (per tenant, or a system one without tenant), stored so that every instance
 * sees the same schedule. `nextSlotAt` is the cursor: the instance whose compare-and-set moves it
 * past a slot is the one that turns the slot into a job, so a slot runs once however many
 * instances tick.
 */
@Entity({ tableName: 'recurring_job' })
@Unique({
  name: 'recurring_job_name_unique',
  expression: `create unique index "recurring_job_name_unique" on "recurring_job" (coalesce("tenant_id", ''), "name")`,
})
@Index({ properties: ['nextSlotAt'] })
export class RecurringJob {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, {
    fieldName: 'tenant_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'cascade',
    updateRule: 'cascade',
  })
  tenantId: string | null = null;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** Five fields (minute precision) or six (with seconds first), as the `cron` package reads them. */
  @Property({ type: 'string', length: 100 })
  cron!: string;

  /** IANA zone the expression is read in (a daily 02:00 stays 02:00 local across DST). */
  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Property({ type: 'string', length: 100 })
  kind!: string;

  @Property({ type: 'json' })
  payload: unknown = {};

  @Property({ type: 'integer', nullable: true })
  maxAttempts: number | null = null;

  /** The next slot not yet turned into a job. */
  @Property({ type: 'datetime' })
  nextSlotAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  lastSlotAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
