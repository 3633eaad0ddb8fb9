import type { EntityManager } from '@mikro-orm/core';
import { ANONYMIZATION_CATEGORIES } from '@switchboard/host-contract';
import type { LedgerMethod, LedgerStatus } from './ledger-entry.entity.js';
import { chunks, ROWS_PER_STATEMENT, type SqlDialect } from './sql-dialect.js';

/** Switchboard's own data about a session, erased through the SessionErasureRegistry. */
export const SWITCHBOARD_CATEGORY = 'switchboard_data';

/** Every ledger category of a session: the host's five, then Switchboard's own data. */
export const LEDGER_CATEGORIES: readonly string[] = [
  ...ANONYMIZATION_CATEGORIES,
  SWITCHBOARD_CATEGORY,
];

export interface LedgerWrite {
  sessionId: string;
  category: string;
  status: LedgerStatus;
  method: LedgerMethod | null;
  outcome: string | null;
  itemCount: number | null;
  details: unknown;
  error: string | null;
}

/**
 * The ledger's statements. A done row is final: every write below leaves it as it is, so a
 * worker that raced another (or a repeated batch after a crash) can never undo a proof.
 */
export class LedgerWriter {
  constructor(private readonly sql: SqlDialect) {}

  /** The categories already done per session. */
  async doneCategories(
    em: EntityManager,
    tenantId: string,
    sessionIds: readonly string[],
  ): Promise<Map<string, Set<string>>> {
    const done = new Map<string, Set<string>>();
    for (const part of chunks(sessionIds, ROWS_PER_STATEMENT)) {
      const rows = await this.sql.rows(
        em,
        `select session_id, category from anonymization_ledger
          where tenant_id = ? and status = 'done' and session_id in (${this.sql.list(part.length)})`,
        [tenantId, ...part],
      );
      for (const row of rows) {
        const sessionId = String(row['session_id']);
        const set = done.get(sessionId) ?? new Set<string>();
        set.add(String(row['category']));
        done.set(sessionId, set);
      }
    }
    return done;
  }

  /** Opens (or reopens, after a failure) the rows a run is about to work on. */
  async markPending(
    em: EntityManager,
    tenantId: string,
    runId: string,
    rows: readonly { sessionId: string; category: string }[],
  ): Promise<void> {
    const now = this.sql.time(new Date());
    for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
      await this.sql.run(
        em,
        `insert into anonymization_ledger
           (tenant_id, session_id, category, status, run_id, created_at, updated_at)
         values ${this.sql.valuesList(part.length, 7)}
         on conflict (tenant_id, session_id, category) do update
           set status = 'pending', run_id = excluded.run_id, error = null,
               updated_at = excluded.updated_at
         where anonymization_ledger.status <> 'done'`,
        part.flatMap((row) => [tenantId, row.sessionId, row.category, 'pending', runId, now, now]),
      );
    }
  }

  /** Records outcomes; rows already done stay untouched. */
  async record(
    em: EntityManager,
    tenantId: string,
    runId: string,
    rows: readonly LedgerWrite[],
  ): Promise<void> {
    const at = new Date();
    const now = this.sql.time(at);
    for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
      await this.sql.run(
        em,
        `insert into anonymization_ledger
           (tenant_id, session_id, category, status, method, outcome, item_count, details, error,
            run_id, created_at, updated_at, done_at)
         values ${this.sql.valuesList(part.length, 13)}
         on conflict (tenant_id, session_id, category) do update
           set status = excluded.status, method = excluded.method, outcome = excluded.outcome,
               item_count = excluded.item_count, details = excluded.details,
               error = excluded.error, run_id = excluded.run_id,
               updated_at = excluded.updated_at, done_at = excluded.done_at
         where anonymization_ledger.status <> 'done'`,
        part.flatMap((row) => [
          tenantId,
          row.sessionId,
          row.category,
          row.status,
          row.method,
          row.outcome,
          row.itemCount,
          this.sql.json(row.details),
          row.error,
          runId,
          now,
          now,
          row.status === 'done' ? now : null,
        ]),
      );
    }
  }
}
