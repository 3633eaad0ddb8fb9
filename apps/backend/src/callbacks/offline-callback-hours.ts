import type { SettingValues, Weekday } from '@switchboard/settings-model';

export type OfflineCallbackSetting = SettingValues['chat.offlineCallback'];
type OfflineCallbackHours = Extract<OfflineCallbackSetting, { enabled: true }>;

interface WallClock {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minute: number;
}

const WEEKDAY_BY_SHORT_NAME: Readonly<Record<string, Weekday>> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall clock of `instant` in `timeZone`, from the zone's rules (IANA data in Intl), so the
 * offset at that very instant applies: on the day summer time starts, 08:30 is 06:30 UTC, a week
 * before it is 07:30 UTC.
 */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const weekday = WEEKDAY_BY_SHORT_NAME[parts['weekday'] ?? ''];
  if (weekday === undefined) throw new Error(`unexpected weekday for ${instant.toISOString()}`);
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    weekday,
    minute: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Whether `instant` lies in the offline-callback hours: the intervals of its local date's
 * exception when there is one (an exception without intervals closes the day), else of its local
 * weekday. Intervals include their start and exclude their end (08:00–12:00 covers 08:00 to
 * 11:59); `24:00` ends at midnight. Hours are wall-clock times, so a day with a daylight-saving
 * change keeps them: 01:00–04:00 covers the local 01:00–01:59 and 03:00–03:59 on the spring day.
 */
export function withinOfflineHours(setting: OfflineCallbackSetting, instant: Date): boolean {
  if (!setting.enabled) return false;
  const hours: OfflineCallbackHours = setting;
  const clock = wallClock(instant, hours.timeZone);
  const exception = hours.exceptions.find((entry) => entry.date === clock.date);
  const intervals = exception?.intervals ?? hours.weeklyHours[clock.weekday];
  return intervals.some(
    (interval) =>
      clock.minute >= minutesOf(interval.start) && clock.minute < minutesOf(interval.end),
  );
}
