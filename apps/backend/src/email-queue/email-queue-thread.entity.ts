import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const QUEUE_THREAD_STATES = ['queued', 'claimed', 'assigned'] as const;
export type QueueThreadState = (typeof QUEUE_THREAD_STATES)[number];

/**
 * A host e-mail thread in Switchboard's queue index. `queued` threads are offered in the tenant's
 * order (received time, newest or oldest first; the thread id breaks ties); a claim makes one
 * `claimed` for an operator until `claimedUntil`, after which it counts as queued again; the host
 * assigning it (EmailThreadOperatorJoined) makes it `assigned`. `stateChangedAt` is the host time
 * of the last event applied, so late events do not undo newer ones.
 */
@Entity({ tableName: 'email_queue_thread' })
@Unique({ properties: ['tenant', 'threadId'] })
@Index({ properties: ['tenant', 'state', 'receivedAt', 'threadId'] })
@Index({ properties: ['tenant', 'state', 'claimedUntil'] })
export class EmailQueueThread {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  /** The host's 64-bit thread id (a string in JavaScript). */
  @Property({ type: 'bigint' })
  threadId!: string;

  @Property({ type: 'string', length: 16 })
  state: QueueThreadState = 'queued';

  @Property({ type: 'datetime' })
  receivedAt!: Date;

  @Property({ type: 'integer', nullable: true })
  claimedBy: number | null = null;

  @Property({ type: 'datetime', nullable: true })
  claimedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil: Date | null = null;

  /** How many times the thread was claimed (a claim not taken up returns it to the queue). */
  @Property({ type: 'integer' })
  claims = 0;

  @Property({ type: 'integer', nullable: true })
  assignedTo: number | null = null;

  @Property({ type: 'datetime' })
  stateChangedAt!: Date;
}
