import { localDate, localDays, nextDate, startOfLocalDay } from './local-days.js';

describe('local days of a time zone', () => {
  it('start at local midnight, whatever the offset', () => {
    expect(new Date(startOfLocalDay('2026-11-25', 'Europe/Prague')).toISOString()).toBe(
      '2026-11-24T23:00:00.000Z',
    );
    expect(new Date(startOfLocalDay('2026-07-01', 'Europe/Prague')).toISOString()).toBe(
      '2026-06-30T22:00:00.000Z',
    );
    expect(new Date(startOfLocalDay('2026-11-25', 'Pacific/Auckland')).toISOString()).toBe(
      '2026-11-24T11:00:00.000Z',
    );
    expect(new Date(startOfLocalDay('2026-11-25', 'Asia/Kathmandu')).toISOString()).toBe(
      '2026-11-24T18:15:00.000Z',
    );
    expect(new Date(startOfLocalDay('2026-11-25', 'UTC')).toISOString()).toBe(
      '2026-11-25T00:00:00.000Z',
    );
  });

  it('are 23 and 25 hours long on the days the clocks change', () => {
    const hours = (date: string, zone: string) =>
      (startOfLocalDay(nextDate(date), zone) - startOfLocalDay(date, zone)) / 3_600_000;
    expect(hours('2026-03-29', 'Europe/Prague')).toBe(23);
    expect(hours('2026-10-25', 'Europe/Prague')).toBe(25);
    expect(hours('2026-11-25', 'Europe/Prague')).toBe(24);
  });

  it('begin when the clock jumps where DST skips midnight', () => {
    // Chile moves 00:00 → 01:00 on the first Sunday of September.
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(start - 1, 'America/Santiago')).toBe('2026-09-05');
  });

  it('list the days ending with the last one, with n + 1 bounds', () => {
    const days = localDays('2026-03-01', 3, 'Europe/Prague');
    expect(days.dates).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(days.bounds.map((bound) => bound.toISOString())).toEqual([
      '2026-02-26T23:00:00.000Z',
      '2026-02-27T23:00:00.000Z',
      '2026-02-28T23:00:00.000Z',
      '2026-03-01T23:00:00.000Z',
    ]);
    expect(localDate(Date.UTC(2026, 10, 24, 23, 30), 'Europe/Prague')).toBe('2026-11-25');
  });
});
