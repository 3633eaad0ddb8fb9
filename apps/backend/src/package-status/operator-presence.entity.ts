import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const PRESENCES = ['available', 'away', 'offline'] as const;
/** What counts for package status: available (online or busy), away (absent), offline (signed out). */
export type Presence = (typeof PRESENCES)[number];

/**
 * An operator's last known presence in a tenant, from UserStatusChanged or the host's operator
 * states. `hostChangedAt` is the host's time of the state (when it says), so an older event that
 * arrives late is ignored instead of undoing a newer one.
 */
@Entity({ tableName: 'operator_presence' })
@Unique({ properties: ['tenant', 'userId'] })
export class OperatorPresence {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  /** The host's user id. */
  @Property({ type: 'integer' })
  userId!: number;

  @Property({ type: 'string', length: 16 })
  presence: Presence = 'offline';

  /** The absence (break) reason the operator picked, when the host says which. */
  @Property({ type: 'integer', nullable: true })
  absenceReasonId: number | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  absenceReasonName: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  hostChangedAt: Date | null = null;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
