import fc from 'fast-check';
import { intervalListSchema, isIanaTimeZone, minutesOf, timeZoneSchema } from './time.js';

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

describe('time helpers', () => {
  it('reads HH:MM as minutes after midnight', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('08:30')).toBe(510);
    expect(minutesOf('24:00')).toBe(1440);
  });

  it('knows IANA zones through Intl, aliases included', () => {
    expect(isIanaTimeZone('Europe/Prague')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Europe/Kiev')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus')).toBe(false);
    expect(timeZoneSchema().safeParse('Etc/GMT+1').success).toBe(true);
    expect(timeZoneSchema().safeParse('+01:00').success).toBe(false);
  });

  it('finds overlaps exactly when two intervals share a minute (against brute force)', () => {
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 }))
      .map(([a, b]) => ({ start: a * 30, end: Math.min(a * 30 + b * 30, 1440) }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 6 }), (intervals) => {
        const parsed = intervalListSchema().safeParse(
          intervals.map(({ start, end }) => ({
            start: hhmm(start),
            end: end === 1440 ? '24:00' : hhmm(end),
          })),
        );
        const overlapping = intervals.some((a, i) =>
          intervals.some((b, j) => i !== j && a.start < b.end && b.start < a.end),
        );
        expect(parsed.success).toBe(!overlapping);
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            expect(issue.message).toBe('settings.errors.interval_overlap');
        }
      }),
    );
  });

  it('refuses intervals that do not end after they start', () => {
    const parsed = intervalListSchema().safeParse([{ start: '10:00', end: '10:00' }]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [[0, 'end'], 'settings.errors.interval_order'],
    ]);
  });
});
