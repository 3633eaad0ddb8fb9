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

export const TRANSCRIPT_STATES = ['waiting', 'queued', 'sent', 'failed'] as const;
export type TranscriptState = (typeof TRANSCRIPT_STATES)[number];

export const TRANSCRIPT_REQUESTERS = ['client', 'operator', 'host'] as const;
export type TranscriptRequester = (typeof TRANSCRIPT_REQUESTERS)[number];

/**
 * A client's (or an operator's, for them) request to have a session's transcript e-mailed
 * (setting 8). `waiting` until the session ends, `queued` while the send job runs (and retries),
 * then `sent` or `failed`. The recipient address is personal data: anonymization erases the row.
 */
@Entity({ tableName: 'transcript_request' })
@Unique({ properties: ['tenant', 'requestKey'] })
@Index({ properties: ['tenant', 'sessionId'] })
export class TranscriptRequest {
  [OptionalProps]?: 'state' | 'replyTo' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  sessionId!: string;

  /** `activity:<id>` for the host's chat-to-mail activity, `api:<uuid>` for an explicit request. */
  @Property({ type: 'string', length: 100 })
  requestKey!: string;

  @Property({ type: 'string', length: 320 })
  recipient!: string;

  @Property({ type: 'string', length: 16 })
  requestedBy!: TranscriptRequester;

  @Property({ type: 'string', length: 16 })
  state: TranscriptState = 'waiting';

  /** The Message-ID the e-mail was (or will be) sent with; replies name it in In-Reply-To. */
  @Property({ type: 'string', length: 400 })
  messageId!: string;

  @Property({ type: 'string', length: 320, nullable: true })
  replyTo: string | null = null;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;
}
