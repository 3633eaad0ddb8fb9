import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const LEDGER_STATUSES = ['pending', 'done', 'failed'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** extension: the category call; v1_whole_session: covered by the v1 anonymize of the whole session. */
export const LEDGER_METHODS = ['extension', 'v1_whole_session', 'switchboard'] as const;
export type LedgerMethod = (typeof LEDGER_METHODS)[number];

/**
 * The proof: one row per session and category (the host's five, plus `switchboard_data` for
 * Switchboard's own data), across runs. A done row is never redone; a session whose rows are not
 * all done is finished by the next run, which sends the host only the categories still open.
 */
@Entity({ tableName: 'anonymization_ledger' })
@Unique({ properties: ['tenant', 'sessionId', 'category'] })
@Index({ properties: ['tenant', 'runId'] })
export class LedgerEntry {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  sessionId!: string;

  @Property({ type: 'string', length: 32 })
  category!: string;

  @Property({ type: 'string', length: 16 })
  status: LedgerStatus = 'pending';

  @Property({ type: 'string', length: 32, nullable: true })
  method: LedgerMethod | null = null;

  /** The host's answer (ANONYMIZED, ALREADY_ANONYMIZED, NOTHING_TO_ANONYMIZE), or ERASED. */
  @Property({ type: 'string', length: 32, nullable: true })
  outcome: string | null = null;

  @Property({ type: 'integer', nullable: true })
  itemCount: number | null = null;

  /** For switchboard_data: what each capability erased. */
  @Property({ type: 'json', nullable: true })
  details: unknown = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** The run that last worked on the row. */
  @Property({ type: 'string', length: 36, nullable: true })
  runId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  doneAt: Date | null = null;
}
