import { assertValidSchedule, dueSlot, InvalidScheduleError, nextSlot } from './cron-schedule.js';

const prague = 'Europe/Prague';
const iso = (date: Date): string => date.toISOString();

describe('cron slots in a time zone', () => {
  it('keeps a daily 03:00 at 03:00 local time across the spring DST change', () => {
    const slots: string[] = [];
    let at = new Date('2026-03-27T12:00:00Z');
    for (let i = 0; i < 3; i++) {
      at = nextSlot('0 3 * * *', prague, at);
      slots.push(iso(at));
    }
    // CET (UTC+1) before 29 March, CEST (UTC+2) from then on.
    expect(slots).toEqual([
      '2026-03-28T02:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T01:00:00.000Z',
    ]);
  });

  it('runs a slot inside the repeated autumn hour once, and one in the skipped spring hour once', () => {
    let at = new Date('2026-10-24T12:00:00Z');
    const autumn = [nextSlot('30 2 * * *', prague, at)];
    at = autumn[0] as Date;
    autumn.push(nextSlot('30 2 * * *', prague, at));
    // 25 October has 02:30 twice (CEST, then CET): one run, then the next day's.
    expect(autumn.map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);

    // 29 March has no 02:30: that day's run moves to the first valid time after it, once.
    const spring = nextSlot('30 2 * * *', prague, new Date('2026-03-28T12:00:00Z'));
    expect(iso(spring)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(nextSlot('30 2 * * *', prague, spring))).toBe('2026-03-30T00:30:00.000Z');
  });

  it('reads six fields as seconds first, and is strictly after the given time', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    expect(iso(nextSlot('*/10 * * * * *', 'UTC', at))).toBe('2026-01-01T00:00:10.000Z');
    expect(iso(nextSlot('0 0 * * *', 'UTC', at))).toBe('2026-01-02T00:00:00.000Z');
  });

  it('runs only the newest missed slot and moves the cursor past now', () => {
    const cursor = new Date('2026-01-01T00:00:00Z');
    const now = new Date('2026-01-01T05:30:00Z');
    expect(dueSlot('0 * * * *', 'UTC', cursor, now)).toEqual({
      slot: new Date('2026-01-01T05:00:00Z'),
      next: new Date('2026-01-01T06:00:00Z'),
    });
    // Nothing missed: the cursor's own slot runs.
    expect(dueSlot('0 * * * *', 'UTC', cursor, new Date('2026-01-01T00:00:01Z'))).toEqual({
      slot: cursor,
      next: new Date('2026-01-01T01:00:00Z'),
    });
  });

  it('jumps past now after very many missed slots instead of walking them all', () => {
    const cursor = new Date('2026-01-01T00:00:00Z');
    const now = new Date('2026-02-01T00:00:00.500Z');
    const { slot, next } = dueSlot('* * * * * *', 'UTC', cursor, now);
    expect(slot <= now).toBe(true);
    expect(iso(next)).toBe('2026-02-01T00:00:01.000Z');
  });

  it('rejects a bad expression or an unknown zone, naming the field', () => {
    expect(() => assertValidSchedule('0 3 * * *', prague)).not.toThrow();
    const field = (cron: string, zone: string): string | undefined => {
      try {
        assertValidSchedule(cron, zone);
        return undefined;
      } catch (error) {
        return error instanceof InvalidScheduleError ? error.field : 'other';
      }
    };
    expect(field('61 3 * * *', prague)).toBe('cron');
    expect(field('every day', prague)).toBe('cron');
    expect(field('0 3 * * *', 'Europe/Atlantis')).toBe('timeZone');
  });
});
