import type { Interval, Weekday } from '@switchboard/settings-model';
import { type OfflineCallbackSetting, withinOfflineHours } from './offline-callback-hours.js';

const none: Record<Weekday, Interval[]> = {
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
};

const hours = (
  overrides: Partial<typeof none>,
  exceptions: unknown[] = [],
): OfflineCallbackSetting =>
  ({
    enabled: true,
    timeZone: 'Europe/Prague',
    weeklyHours: { ...none, ...overrides },
    exceptions,
  }) as OfflineCallbackSetting;

const at = (iso: string): Date => new Date(iso);

describe('withinOfflineHours', () => {
  // Monday 2026-11-23 in Prague is UTC+1.
  const weekday = hours({
    mon: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '24:00' },
    ],
  });

  it('includes the start of an interval and excludes its end', () => {
    expect(withinOfflineHours(weekday, at('2026-11-23T06:59:59Z'))).toBe(false);
    expect(withinOfflineHours(weekday, at('2026-11-23T07:00:00Z'))).toBe(true);
    expect(withinOfflineHours(weekday, at('2026-11-23T10:59:59Z'))).toBe(true);
    expect(withinOfflineHours(weekday, at('2026-11-23T11:00:00Z'))).toBe(false);
    expect(withinOfflineHours(weekday, at('2026-11-23T12:00:00Z'))).toBe(true);
  });

  it('runs to midnight for 24:00 and reads the local weekday, not the UTC one', () => {
    // 23:30 local Monday is 22:30 UTC Monday; 00:10 local Tuesday is 23:10 UTC Monday.
    expect(withinOfflineHours(weekday, at('2026-11-23T22:30:00Z'))).toBe(true);
    expect(withinOfflineHours(weekday, at('2026-11-23T23:10:00Z'))).toBe(false);
  });

  it('lets an exception date replace the weekday, and an empty one close the day', () => {
    const withExceptions = hours({ mon: [{ start: '08:00', end: '12:00' }] }, [
      { date: '2026-11-23', intervals: [] },
      { date: '2026-11-24', intervals: [{ start: '10:00', end: '11:00' }] },
    ]);
    expect(withinOfflineHours(withExceptions, at('2026-11-23T08:00:00Z'))).toBe(false);
    expect(withinOfflineHours(withExceptions, at('2026-11-24T09:30:00Z'))).toBe(true);
    expect(withinOfflineHours(withExceptions, at('2026-11-24T10:00:00Z'))).toBe(false);
  });

  it('keeps the wall-clock hours across the spring daylight-saving change', () => {
    const sunday = hours({ sun: [{ start: '08:00', end: '12:00' }] });
    // 2026-03-29 clocks go 02:00 → 03:00: 08:00 local is 06:00 UTC (CEST), a week before 07:00 UTC.
    expect(withinOfflineHours(sunday, at('2026-03-29T06:00:00Z'))).toBe(true);
    expect(withinOfflineHours(sunday, at('2026-03-29T05:59:00Z'))).toBe(false);
    expect(withinOfflineHours(sunday, at('2026-03-22T06:00:00Z'))).toBe(false);
    expect(withinOfflineHours(sunday, at('2026-03-22T07:00:00Z'))).toBe(true);
    // 01:00–04:00 on the change day spans the skipped hour: 00:59 UTC is 01:59 CET, 01:00 UTC 03:00 CEST.
    const night = hours({ sun: [{ start: '01:00', end: '04:00' }] });
    expect(withinOfflineHours(night, at('2026-03-29T00:59:00Z'))).toBe(true);
    expect(withinOfflineHours(night, at('2026-03-29T01:00:00Z'))).toBe(true);
    expect(withinOfflineHours(night, at('2026-03-29T02:00:00Z'))).toBe(false);
  });

  it('keeps the wall-clock hours across the autumn change, the repeated hour included', () => {
    // 2026-10-25 clocks go 03:00 → 02:00: 02:30 local happens at 00:30 and 01:30 UTC.
    const repeated = hours({ sun: [{ start: '02:00', end: '03:00' }] });
    expect(withinOfflineHours(repeated, at('2026-10-25T00:30:00Z'))).toBe(true);
    expect(withinOfflineHours(repeated, at('2026-10-25T01:30:00Z'))).toBe(true);
    expect(withinOfflineHours(repeated, at('2026-10-25T02:00:00Z'))).toBe(false);
    const evening = hours({ sun: [{ start: '17:00', end: '18:00' }] });
    expect(withinOfflineHours(evening, at('2026-10-25T16:00:00Z'))).toBe(true);
    expect(withinOfflineHours(evening, at('2026-10-25T15:59:00Z'))).toBe(false);
  });

  it('is closed while the setting is off', () => {
    expect(withinOfflineHours({ enabled: false }, at('2026-11-23T08:00:00Z'))).toBe(false);
  });
});
