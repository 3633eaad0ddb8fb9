import {
  Entity,
  OptionalProps,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';
import type { ConversationLine } from '../transcripts/conversation.js';

/**
 * The history index of setting 13: an ended session of one device (the host's per-browser
 * tracking id, stored only as a hash) with the messages the client may see again. Personal
 * data: anonymization erases the row.
 */
@Entity({ tableName: 'client_history_entry' })
@Unique({ properties: ['tenant', 'sessionId'] })
@Index({ properties: ['tenant', 'deviceKey', 'startedAt'] })
export class ClientHistoryEntry {
  [OptionalProps]?: 'packageId' | 'endedAt' | 'messages' | 'indexedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  sessionId!: string;

  /** SHA-256 of the tenant id and the tracking id: the device, without the id itself. */
  @Property({ type: 'string', length: 64 })
  deviceKey!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  packageId: string | null = null;

  @Property({ type: 'string', length: 32 })
  channel!: string;

  /** When the conversation began (the session's creation). */
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  @Property({ type: 'json' })
  messages: ConversationLine[] = [];

  @Property({ type: 'datetime' })
  indexedAt: Date = new Date();
}
