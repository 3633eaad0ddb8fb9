import { windowCron, windowDeadline, zonedTimeToInstant } from './run-window.js';

describe('the daily anonymization window', () => {
  it('runs a cron at the window start', () => {
    expect(windowCron({ start: '02:30', end: '05:00' })).toBe('30 2 * * *');
    expect(windowCron({ start: '22:05', end: '04:00' })).toBe('5 22 * * *');
  });

  it('maps a local time of a zone to an instant, summer and winter', () => {
    expect(
      zonedTimeToInstant({ year: 2026, month: 7, day: 1 }, { hour: 2, minute: 0 }, 'Europe/Prague'),
    ).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(
      zonedTimeToInstant(
        { year: 2026, month: 1, day: 15 },
        { hour: 2, minute: 0 },
        'Europe/Prague',
      ),
    ).toEqual(new Date('2026-01-15T01:00:00Z'));
    expect(
      zonedTimeToInstant(
        { year: 2026, month: 1, day: 15 },
        { hour: 23, minute: 30 },
        'America/New_York',
      ),
    ).toEqual(new Date('2026-01-16T04:30:00Z'));
  });

  it('closes the same day, or the next day when the window crosses midnight', () => {
    // 02:00 in Prague (summer) is 00:00 UTC.
    expect(
      windowDeadline(
        new Date('2026-07-01T00:00:00Z'),
        { start: '02:00', end: '05:00' },
        'Europe/Prague',
      ),
    ).toEqual(new Date('2026-07-01T03:00:00Z'));
    // 22:00 Prague on 1 July → 04:00 on 2 July (02:00 UTC).
    expect(
      windowDeadline(
        new Date('2026-07-01T20:00:00Z'),
        { start: '22:00', end: '04:00' },
        'Europe/Prague',
      ),
    ).toEqual(new Date('2026-07-02T02:00:00Z'));
    // Resumed at 01:00 local inside that window: still 04:00 the same local day.
    expect(
      windowDeadline(
        new Date('2026-07-01T23:00:00Z'),
        { start: '22:00', end: '04:00' },
        'Europe/Prague',
      ),
    ).toEqual(new Date('2026-07-02T02:00:00Z'));
  });

  it('keeps the wall-clock end across a daylight-saving change', () => {
    // The night Prague moves to summer time (29 March 2026, 02:00 → 03:00).
    expect(
      windowDeadline(
        new Date('2026-03-28T23:00:00Z'),
        { start: '00:00', end: '05:00' },
        'Europe/Prague',
      ),
    ).toEqual(new Date('2026-03-29T03:00:00Z'));
  });
});
