import type { DurationUnit } from '@switchboard/settings-model';

export const ALL_DURATION_UNITS: readonly DurationUnit[] = ['seconds', 'minutes', 'hours', 'days'];

/** Seconds per unit; durations are always stored in seconds. */
export const SECONDS_PER: Readonly<Record<DurationUnit, number>> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
};

export interface DurationParts {
  amount: number;
  unit: DurationUnit;
}

/** `amount` of `unit` in seconds, e.g. 30 minutes → 1800. Fractions stay (validation refuses them). */
export function toSeconds(amount: number, unit: DurationUnit): number {
  return amount * SECONDS_PER[unit];
}

/**
 * The largest offered unit that shows `seconds` as a whole number (1800 → 30 minutes, 90 → 90
 * seconds when seconds are offered); when none divides it, the smallest offered unit.
 */
export function splitDuration(seconds: number, units: readonly DurationUnit[]): DurationParts {
  const ordered = [...units].sort((a, b) => SECONDS_PER[b] - SECONDS_PER[a]);
  const smallest = ordered.at(-1) ?? 'seconds';
  if (seconds === 0) return { amount: 0, unit: ordered.find((u) => u === 'minutes') ?? smallest };
  const whole = ordered.find((unit) => seconds % SECONDS_PER[unit] === 0);
  const unit = whole ?? smallest;
  return { amount: seconds / SECONDS_PER[unit], unit };
}

/** The same stored seconds in another unit: the amount changes, the duration does not. */
export function changeUnit(seconds: number, unit: DurationUnit): DurationParts {
  return { amount: seconds / SECONDS_PER[unit], unit };
}

/** A duration for people, in the largest unit that keeps it whole: `{ amount: 7, unit: 'days' }`. */
export function humanDuration(
  seconds: number,
  units: readonly DurationUnit[] = ALL_DURATION_UNITS,
): DurationParts {
  return splitDuration(seconds, units);
}

/** "30 minutes", "1 hour", "7 dní": the unit declined by the amount (polyglot plural forms). */
export function formatDuration(
  seconds: number,
  translate: (key: string, options?: Record<string, unknown>) => string,
  units: readonly DurationUnit[] = ALL_DURATION_UNITS,
): string {
  const { amount, unit } = humanDuration(seconds, units);
  return translate(`switchboard.duration.${unit}`, { smart_count: amount });
}
