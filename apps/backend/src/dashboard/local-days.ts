/**
 * Calendar days of a tenant's time zone as UTC instants, with Intl only (no time zone library):
 * statistics are counted per local day, and a local day is 23, 24 or 25 hours long.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: number, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const asUtc = Date.UTC(
    p['year'] ?? 0,
    (p['month'] ?? 1) - 1,
    p['day'],
    p['hour'],
    p['minute'],
    p['second'],
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(instant: number, timeZone: string): string {
  const p = wallClock(instant, timeZone);
  const pad = (n: number | undefined, width = 2) => String(n ?? 0).padStart(width, '0');
  return `${pad(p['year'], 4)}-${pad(p['month'])}-${pad(p['day'])}`;
}

/** The instant a local calendar day begins (its first moment, when a DST change skips midnight). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day);
  // Twice: the offset at the first guess may differ from the one at the answer around a DST change.
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  // Midnight skipped by DST (the clock jumps 00:00 → 01:00): the day starts at the jump.
  return localDate(second, timeZone) === date ? second : first;
}

/** The calendar day after `date` (`YYYY-MM-DD`). */
export function nextDate(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

export interface LocalDays {
  /** `YYYY-MM-DD`, oldest first, ending with the last day asked for. */
  dates: string[];
  /** `bounds[i]` is the start of `dates[i]`; the last bound ends the last day (n + 1 bounds). */
  bounds: Date[];
}

/** `count` local days ending with `last` (inclusive), with their boundaries as instants. */
export function localDays(last: string, count: number, timeZone: string): LocalDays {
  const dates = [last];
  for (let i = 1; i < count; i++) {
    const [year = 0, month = 1, day = 1] = last.split('-').map(Number);
    dates.unshift(new Date(Date.UTC(year, month - 1, day - i)).toISOString().slice(0, 10));
  }
  const bounds = [...dates, nextDate(last)].map(
    (date) => new Date(startOfLocalDay(date, timeZone)),
  );
  return { dates, bounds };
}
