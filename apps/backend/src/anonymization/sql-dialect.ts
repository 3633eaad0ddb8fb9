import type { EntityManager } from '@mikro-orm/core';

export type Row = Record<string, unknown>;

/**
 * Values for hand-written SQL (bulk upserts and claims the ORM cannot express in one statement),
 * bound the way the ORM stores them: PostgreSQL takes dates and booleans as they are, SQLite
 * stores dates as epoch milliseconds and booleans as 0/1.
 */
export class SqlDialect {
  constructor(readonly postgres: boolean) {}

  time(date: Date): Date | number {
    return this.postgres ? date : date.getTime();
  }

  bool(value: boolean): boolean | number {
    return this.postgres ? value : value ? 1 : 0;
  }

  json(value: unknown): string | null {
    return value === null || value === undefined ? null : JSON.stringify(value);
  }

  /** ` for update skip locked` on PostgreSQL, so several instances claim different rows. */
  get skipLocked(): string {
    return this.postgres ? ' for update skip locked' : '';
  }

  /** `(?, ?, ?), (?, ?, ?)` for `rows` rows of `columns` values. */
  valuesList(rows: number, columns: number): string {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    return Array.from({ length: rows }, () => row).join(', ');
  }

  /** `?, ?, ?` for an `in (...)` list. */
  list(count: number): string {
    return Array.from({ length: count }, () => '?').join(', ');
  }

  /** Runs a statement that returns rows, inside `em`'s transaction when it has one. */
  async rows(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
    return (await em
      .getConnection()
      .execute(sql, [...params], 'all', em.getTransactionContext())) as Row[];
  }

  /** Runs a statement and answers how many rows it changed. */
  async run(em: EntityManager, sql: string, params: readonly unknown[]): Promise<number> {
    const result = (await em
      .getConnection()
      .execute(sql, [...params], 'run', em.getTransactionContext())) as { affectedRows?: number };
    return Number(result.affectedRows ?? 0);
  }
}

/** Rows per multi-row statement: well under SQLite's 32766 bound parameters. */
export const ROWS_PER_STATEMENT = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}
