/**
 * Raw SQL binds and reads datetimes as the ORM stores them: `timestamptz` on PostgreSQL, epoch
 * milliseconds in SQLite.
 */
export function toDatabaseTime(date: Date, postgres: boolean): Date | number {
  return postgres ? date : date.getTime();
}

export function fromDatabaseTime(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string' && /^\d+$/.test(value)) return new Date(Number(value));
  return new Date(String(value));
}
