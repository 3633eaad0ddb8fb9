import { CronTime, validateCronExpression } from 'cron';

/** Most missed slots skipped one by one before the cursor jumps straight past now. */
const MAX_SKIPPED_SLOTS = 1000;

export class InvalidScheduleError extends Error {
  constructor(
    readonly field: 'cron' | 'timeZone' | 'name',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidScheduleError';
  }
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Throws InvalidScheduleError unless the expression and zone are usable. */
export function assertValidSchedule(cron: string, timeZone: string): void {
  const { valid, error } = validateCronExpression(cron);
  if (!valid) {
    throw new InvalidScheduleError('cron', `Invalid cron expression "${cron}": ${String(error)}`);
  }
  if (!isValidTimeZone(timeZone)) {
    throw new InvalidScheduleError('timeZone', `Unknown IANA time zone "${timeZone}"`);
  }
}

/**
 * The first slot strictly after `after`, read in the zone: "0 2 * * *" in Europe/Prague is 02:00
 * Prague time on both sides of a DST change (the `cron` package resolves wall time with luxon).
 */
export function nextSlot(cron: string, timeZone: string, after: Date): Date {
  return new CronTime(cron, timeZone).getNextDateFrom(after, timeZone).toJSDate();
}

/**
 * Which slot to run when the cursor is at `cursor` and the time is `now`: the newest slot not
 * after now (missed older slots are skipped: a schedule that was down for a day runs its daily job
 * once, not once per missed day), and the cursor's next position after it.
 */
export function dueSlot(
  cron: string,
  timeZone: string,
  cursor: Date,
  now: Date,
): { slot: Date; next: Date } {
  let slot = cursor;
  let next = nextSlot(cron, timeZone, slot);
  for (let skipped = 0; next <= now; skipped++) {
    if (skipped >= MAX_SKIPPED_SLOTS) {
      return { slot: next, next: nextSlot(cron, timeZone, now) };
    }
    slot = next;
    next = nextSlot(cron, timeZone, slot);
  }
  return { slot, next };
}
