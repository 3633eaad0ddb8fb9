import type { AnonymizationRule } from './anonymization-rule.js';

/*
 * The daily window of a scheduled run, in the rule's time zone: a cron at the window's start and
 * a deadline at its end (the next day's end when the window crosses midnight).
 */

const parseTime = (text: string): { hour: number; minute: number } => {
  const [hour = 0, minute = 0] = text.split(':').map(Number);
  return { hour, minute };
};

/** `M H * * *`: every day at the window's start (the jobs' cron is read in the rule's zone). */
export function windowCron(window: AnonymizationRule['window']): string {
  const { hour, minute } = parseTime(window.start);
  return `${minute} ${hour} * * *`;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The wall-clock date and time of `instant` in `timeZone`. */
function localParts(instant: Date, timeZone: string): LocalDate & { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/**
 * The instant at which the clocks of `timeZone` show the given local date and time. A time the
 * clocks skip (spring forward) maps to the instant just after the gap, one they show twice to the
 * first.
 */
export function zonedTimeToInstant(
  date: LocalDate,
  time: { hour: number; minute: number },
  timeZone: string,
): Date {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  let guess = wanted;
  // Two corrections settle the offset, DST transitions included.
  for (let i = 0; i < 2; i++) {
    const shown = localParts(new Date(guess), timeZone);
    const shownMs = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
    guess += wanted - shownMs;
  }
  return new Date(guess);
}

/**
 * When the window that is open at `start` (normally the cron slot that began it) closes. With an
 * end at or before the start time, the window crosses midnight and closes the next day.
 */
export function windowDeadline(
  start: Date,
  window: AnonymizationRule['window'],
  timeZone: string,
): Date {
  const local = localParts(start, timeZone);
  const end = parseTime(window.end);
  const opens = parseTime(window.start);
  const crossesMidnight = end.hour * 60 + end.minute <= opens.hour * 60 + opens.minute;
  const startedBeforeMidnight = local.hour * 60 + local.minute >= opens.hour * 60 + opens.minute;
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (crossesMidnight && startedBeforeMidnight) day.setUTCDate(day.getUTCDate() + 1);
  return zonedTimeToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    end,
    timeZone,
  );
}
