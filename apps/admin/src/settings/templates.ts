import { type SettingKey, settingsRegistry } from '@switchboard/settings-model';
import { workingWeek } from './weeklyHours.js';

export const DEFAULT_TIME_ZONE = 'Europe/Prague';

/** Settings whose "off" value is just `{ enabled: false }`: switching on needs a whole rule. */
export const isSwitchable = (key: SettingKey): boolean => {
  const fallback = settingsRegistry[key].defaultValue as unknown;
  return (
    typeof fallback === 'object' &&
    fallback !== null &&
    Object.keys(fallback).length === 1 &&
    (fallback as { enabled?: unknown }).enabled === false
  );
};

/** What a switchable setting becomes when switched on: a rule that validates as it is. */
export function enabledTemplate(key: SettingKey, timeZone = DEFAULT_TIME_ZONE): unknown {
  switch (key) {
    case 'general.autoAnonymization':
      return {
        enabled: true,
        olderThanDays: 365,
        window: { start: '01:00', end: '05:00' },
        timeZone,
      };
    case 'chat.offlineCallback':
      return { enabled: true, timeZone, weeklyHours: workingWeek(), exceptions: [] };
    default:
      return { enabled: true };
  }
}

/** Switches an object value with an `enabled` field on or off, keeping its other fields. */
export function switchEnabled(key: SettingKey, value: unknown, enabled: boolean): unknown {
  const current = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (isSwitchable(key)) return enabled ? enabledTemplate(key) : { enabled: false };
  return { ...current, enabled };
}
