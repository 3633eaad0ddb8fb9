import { WEEKDAYS, type Weekday, minutesOf } from '@switchboard/settings-model';

export interface Interval {
  start: string;
  end: string;
}

export type WeeklyHours = Record<Weekday, Interval[]>;

export interface ExceptionDate {
  date: string;
  intervals: Interval[];
  note?: string;
}

export const emptyWeek = (): WeeklyHours =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, []])) as unknown as WeeklyHours;

/** Office hours on working days: the week a newly enabled Offline CallBack starts with. */
export const workingWeek = (): WeeklyHours => ({
  ...emptyWeek(),
  mon: [{ start: '08:00', end: '16:00' }],
  tue: [{ start: '08:00', end: '16:00' }],
  wed: [{ start: '08:00', end: '16:00' }],
  thu: [{ start: '08:00', end: '16:00' }],
  fri: [{ start: '08:00', end: '16:00' }],
});

const pad = (n: number) => String(n).padStart(2, '0');
const timeOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/**
 * The interval an "add" button appends: 08:00–16:00 on an empty day, otherwise the hour after the
 * day's latest end (clipped to 24:00). Whether it fits is for the model's validation to say.
 */
export function nextInterval(intervals: readonly Interval[]): Interval {
  if (intervals.length === 0) return { start: '08:00', end: '16:00' };
  const latestEnd = Math.max(...intervals.map((interval) => minutesOf(interval.end)));
  const start = Math.min(latestEnd, 23 * 60);
  return { start: timeOf(start), end: start + 60 >= 24 * 60 ? '24:00' : timeOf(start + 60) };
}

export function addInterval(week: WeeklyHours, day: Weekday): WeeklyHours {
  return { ...week, [day]: [...week[day], nextInterval(week[day])] };
}

export function removeInterval(week: WeeklyHours, day: Weekday, index: number): WeeklyHours {
  return { ...week, [day]: week[day].filter((_, i) => i !== index) };
}

export function updateInterval(
  week: WeeklyHours,
  day: Weekday,
  index: number,
  change: Partial<Interval>,
): WeeklyHours {
  return {
    ...week,
    [day]: week[day].map((interval, i) => (i === index ? { ...interval, ...change } : interval)),
  };
}

/** Copies one day's intervals onto other days (e.g. Monday onto the whole working week). */
export function copyDay(week: WeeklyHours, from: Weekday, to: readonly Weekday[]): WeeklyHours {
  const copy = { ...week };
  for (const day of to) copy[day] = week[from].map((interval) => ({ ...interval }));
  return copy;
}

/** A new exception date: the day after the latest one listed (or `today`), closed all day. */
export function addException(exceptions: readonly ExceptionDate[], today: string): ExceptionDate[] {
  const latest = exceptions
    .map((exception) => exception.date)
    .sort()
    .at(-1);
  let date = today;
  if (latest !== undefined && latest >= today) {
    const next = new Date(`${latest}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    date = next.toISOString().slice(0, 10);
  }
  return [...exceptions, { date, intervals: [] }];
}

export function updateException(
  exceptions: readonly ExceptionDate[],
  index: number,
  change: Partial<ExceptionDate>,
): ExceptionDate[] {
  return exceptions.map((exception, i) => {
    if (i !== index) return exception;
    const next: ExceptionDate = { ...exception, ...change };
    if (next.note === undefined || next.note === '') delete next.note;
    return next;
  });
}

export function removeException(
  exceptions: readonly ExceptionDate[],
  index: number,
): ExceptionDate[] {
  return exceptions.filter((_, i) => i !== index);
}
