import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/** Where an index row's facts came from: the SessionEnded event alone, or the host's session record. */
export const ENDED_SESSION_SOURCES = ['event', 'backfill', 'host'] as const;
export type EndedSessionSource = (typeof ENDED_SESSION_SOURCES)[number];

/**
 * The index of a tenant's ended sessions that anonymization selects from: one row per session,
 * written from SessionEnded and from the backfill of the host's session list. It holds no client
 * data, only what the rule filters on. `detailsKnown` is false while only the event was seen (the
 * event names no package); the run, the dry run and the backfill fill the details from the host.
 * `anonymizedAt` is set when Switchboard finished the session (every category on the host and its
 * own data), so a finished session is never selected again.
 */
@Entity({ tableName: 'anonymization_ended_session' })
@Unique({ properties: ['tenant', 'sessionId'] })
@Index({ properties: ['tenant', 'anonymizedAt', 'endedAt'] })
export class EndedSession {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  sessionId!: string;

  /** The settings' spelling: chat, av, phone (or unknown for a channel this version does not know). */
  @Property({ type: 'string', length: 16 })
  channel!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  packageId: string | null = null;

  @Property({ type: 'boolean' })
  detailsKnown = false;

  /** Tag names as last read from the host; legal holds are re-checked on the host before erasing. */
  @Property({ type: 'json', nullable: true })
  tags: string[] | null = null;

  @Property({ type: 'datetime' })
  endedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  anonymizedAt: Date | null = null;

  /** The host no longer knows the session (so it is not selected again). */
  @Property({ type: 'datetime', nullable: true })
  missingSince: Date | null = null;

  @Property({ type: 'string', length: 16 })
  source: EndedSessionSource = 'event';

  @Property({ type: 'datetime' })
  indexedAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
