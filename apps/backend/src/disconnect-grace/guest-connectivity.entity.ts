import { Entity, OptionalProps, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * The latest connectivity event seen for a running session (setting 14). Deliveries can arrive
 * late or out of order; an event older than `lastEventAt` changes nothing, so a late disconnect
 * cannot restart a timer the client's reconnect already cancelled. Deleted when the session ends.
 */
@Entity({ tableName: 'guest_connectivity' })
@Unique({ properties: ['tenant', 'sessionId'] })
export class GuestConnectivity {
  [OptionalProps]?: 'connected' | 'graceEndsAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  sessionId!: string;

  @Property({ type: 'boolean' })
  connected = true;

  /** The host's time of the newest event applied. */
  @Property({ type: 'datetime' })
  lastEventAt!: Date;

  /** When the grace ends (the timer's due time) while disconnected. */
  @Property({ type: 'datetime', nullable: true })
  graceEndsAt: Date | null = null;
}
