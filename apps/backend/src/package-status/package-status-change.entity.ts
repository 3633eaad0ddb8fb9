import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const STATUS_TRIGGERS = ['operator_status', 'routing', 'setting', 'sync'] as const;
export type StatusTrigger = (typeof STATUS_TRIGGERS)[number];

/** One decided change of a package's status, with why: the history the API lists. */
@Entity({ tableName: 'package_status_change' })
@Index({ properties: ['tenant', 'occurredAt'] })
@Index({ properties: ['tenant', 'packageId', 'occurredAt'] })
export class PackageStatusChange {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'integer' })
  packageId!: number;

  @Property({ type: 'string', length: 16, nullable: true })
  fromStatus: string | null = null;

  @Property({ type: 'string', length: 16 })
  toStatus!: string;

  @Property({ type: 'string', length: 64 })
  reason!: string;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'string', length: 32 })
  trigger!: StatusTrigger;

  /** The operator whose status change caused it (trigger `operator_status`). */
  @Property({ type: 'integer', nullable: true })
  operatorUserId: number | null = null;

  @Property({ type: 'datetime' })
  occurredAt: Date = new Date();
}
