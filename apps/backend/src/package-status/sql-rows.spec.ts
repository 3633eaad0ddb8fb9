import { chunks, placeholders, rowInt, rowText, rowTime, sqlTime } from './sql-rows.js';

describe('raw SQL rows', () => {
  it('binds and reads datetime columns the way each dialect stores them', () => {
    const time = new Date('2026-11-25T10:00:00.123Z');
    expect(sqlTime('postgresql', time)).toBe(time);
    expect(sqlTime('sqlite', time)).toBe(time.getTime());
    expect(rowTime(time.getTime())).toEqual(time);
    expect(rowTime(String(time.getTime()))).toEqual(time);
    expect(rowTime(time)).toBe(time);
    expect(rowTime(null)).toBeNull();
  });

  it('reads counts (strings on PostgreSQL) and texts', () => {
    expect(rowInt('12')).toBe(12);
    expect(rowInt(3)).toBe(3);
    expect(rowText(null)).toBeNull();
    expect(rowText('busy')).toBe('busy');
  });

  it('splits rows so a statement stays under the parameter limit', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => i);
    const parts = chunks(rows, 3, 3000);
    expect(parts.map((part) => part.length)).toEqual([1000, 1000, 500]);
    expect(parts.flat()).toEqual(rows);
    expect(placeholders(3)).toBe('?, ?, ?');
  });
});
