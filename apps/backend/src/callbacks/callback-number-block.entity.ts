import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * The last accepted callback request of one number (E.164) of a tenant. The unique key is what
 * makes check-and-record atomic: a request takes the row (insert, or update once the blocking
 * period since `acceptedAt` has passed) in one statement, so of concurrent requests exactly one
 * succeeds. The period is read when a request arrives, so a changed setting applies at once.
 */
@Entity({ tableName: 'callback_number_block' })
@Unique({ properties: ['tenant', 'number'] })
@Index({ properties: ['tenant', 'sessionId'] })
export class CallbackNumberBlock {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  number!: string;

  @Property({ type: 'datetime' })
  acceptedAt!: Date;

  /** The session of the accepted request (a repeated call for it is accepted again). */
  @Property({ type: 'string', length: 64, nullable: true })
  sessionId: string | null = null;
}
