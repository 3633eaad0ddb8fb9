import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const INBOX_STATES = ['pending', 'processing', 'done', 'dead'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/** Reasons a delivery is parked as a dead letter at once (retrying cannot help; the host must not). */
export const PARK_REASONS = {
  unknownEvent: 'unknown_event',
  invalidPayload: 'invalid_payload',
} as const;

/**
 * One webhook delivery the host made, stored before it is acknowledged. The dedupe key is unique
 * per tenant, so a retried, duplicated or replayed delivery never becomes a second row.
 * `availableAt` is when the processor may next claim the row: the retry time of a pending row,
 * the end of the lease of a row being processed (a crashed worker's rows become claimable again).
 */
@Entity({ tableName: 'inbox' })
@Unique({ properties: ['tenant', 'dedupeKey'] })
@Index({ properties: ['state', 'availableAt'] })
@Index({ properties: ['tenant', 'sessionId'] })
export class InboxMessage {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  /** `wh:<webhook-id>` for signed deliveries, a payload hash for v1 ones (host-contract). */
  @Property({ type: 'string', length: 200 })
  dedupeKey!: string;

  /** Canonical event name, or the name as sent when it is unknown. */
  @Property({ type: 'string', length: 100 })
  eventType!: string;

  /**
   * The session the delivery is about (host-contract `sessionIdOfDelivery`), null for events about
   * operators, threads or settings: anonymizing a session erases its deliveries by this column.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  sessionId: string | null = null;

  /** The JSON body as received; re-parsed with the contract when processed. */
  @Property({ type: 'json' })
  payload!: unknown;

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();

  @Property({ type: 'string', length: 16 })
  state: InboxState = 'pending';

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime' })
  availableAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  processedAt: Date | null = null;
}
