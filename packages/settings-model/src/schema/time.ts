import { z } from 'zod';
import { doc, list, object, reportIssue } from './primitives.js';
import { withErrorKeys } from './error-map.js';

/** A time of day, `HH:MM`, 00:00–23:59. */
export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
/** The end of an interval may also be 24:00, the end of the day. */
export const INTERVAL_END = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** The shape of an IANA zone name (Area/Location, UTC, Etc/GMT+1); Intl decides if it exists. */
export const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MAX_INTERVALS_PER_DAY = 10;

export function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export function isIanaTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeOfDaySchema = () => z.string(withErrorKeys).regex(TIME_OF_DAY, withErrorKeys);

export const timeZoneSchema = () =>
  z
    .string(withErrorKeys)
    .max(64, withErrorKeys)
    .regex(TIME_ZONE_SHAPE, withErrorKeys)
    .superRefine((name, ctx) => {
      if (!isIanaTimeZone(name)) reportIssue(ctx, 'invalid_time_zone', [], { timeZone: name });
    })
    .meta(doc('settings.common.timeZone.label', 'settings.common.timeZone.help'));

export const intervalSchema = object({
  start: timeOfDaySchema().meta(doc('settings.common.interval.start.label')),
  end: z
    .string(withErrorKeys)
    .regex(INTERVAL_END, withErrorKeys)
    .meta(doc('settings.common.interval.end.label')),
}).meta(doc('settings.common.interval.label'));

export type Interval = z.output<typeof intervalSchema>;

/**
 * Intervals of one day: each ends after it starts (reported at its `end`), and none overlaps
 * another (reported at the `start` of the later one). Touching intervals (8–12, 12–16) are fine.
 */
export const intervalListSchema = () =>
  list(intervalSchema, { max: MAX_INTERVALS_PER_DAY }).superRefine((intervals, ctx) => {
    const ordered: { index: number; start: number; end: number }[] = [];
    intervals.forEach((interval, index) => {
      const start = minutesOf(interval.start);
      const end = minutesOf(interval.end);
      if (start >= end) reportIssue(ctx, 'interval_order', [index, 'end']);
      else ordered.push({ index, start, end });
    });
    ordered.sort((a, b) => a.start - b.start || a.index - b.index);
    // Compare with the interval reaching furthest so far: a long one can overlap several later ones.
    let furthest: (typeof ordered)[number] | undefined;
    const overlapping = new Set<number>();
    for (const current of ordered) {
      if (furthest && current.start < furthest.end) {
        overlapping.add(Math.max(current.index, furthest.index));
      }
      if (!furthest || current.end > furthest.end) furthest = current;
    }
    [...overlapping]
      .sort((a, b) => a - b)
      .forEach((index) => reportIssue(ctx, 'interval_overlap', [index, 'start']));
  });
