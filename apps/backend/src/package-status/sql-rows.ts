import type { DatabaseDialect } from '../config/env.js';

/*
 * Helpers for the hand-written SQL of the hot paths (status counts, e-mail claims), which runs on
 * both dialects. MikroORM stores a `datetime` as a timestamp on PostgreSQL and as epoch
 * milliseconds on SQLite; raw statements must bind and read it the same way.
 */

/** A Date as the dialect's `datetime` column stores it. */
export function sqlTime(dialect: DatabaseDialect, time: Date): Date | number {
  return dialect === 'postgresql' ? time : time.getTime();
}

/** A `datetime` column read by a raw statement. */
export function rowTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string') {
    const numeric = Number(value);
    return new Date(Number.isFinite(numeric) ? numeric : value);
  }
  return null;
}

/** An integer column (PostgreSQL returns counts and bigints as strings). */
export function rowInt(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A text column that may be null. */
export function rowText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `?, ?, ?` for a row of n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Splits rows so one statement stays well under the bound-parameter limits of both dialects. */
export function chunks<T>(rows: readonly T[], columns: number, maxParams = 3000): T[][] {
  const size = Math.max(1, Math.floor(maxParams / columns));
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += size) result.push(rows.slice(i, i + size));
  return result;
}
