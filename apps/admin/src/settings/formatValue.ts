import {
  type FieldUiHints,
  type UiOption,
  WEEKDAYS,
  isSettingKey,
  settingsRegistry,
} from '@switchboard/settings-model';
import { formatDuration } from './duration.js';
import type { Translate } from './settingsDraft.js';
import type { ExceptionDate, Interval, WeeklyHours } from './weeklyHours.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const scalar = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);

const optionLabel = (options: readonly UiOption[] | undefined, value: unknown, t: Translate) => {
  const option = options?.find((candidate) => candidate.value === value);
  return option ? t(option.labelKey) : scalar(value);
};

const intervalsText = (intervals: readonly Interval[]) =>
  intervals.map((interval) => `${interval.start}–${interval.end}`).join(', ');

export const formatDurationValue = (seconds: number, t: Translate): string =>
  formatDuration(seconds, t);

function formatField(hint: FieldUiHints, value: unknown, t: Translate): string {
  switch (hint.input) {
    case 'toggle':
      return t(value ? 'switchboard.values.on' : 'switchboard.values.off');
    case 'select':
      return optionLabel(hint.options, value, t);
    case 'multiselect':
    case 'text-list':
    case 'phone-list':
      return Array.isArray(value)
        ? value.map((item) => optionLabel(hint.options, item, t)).join(', ')
        : scalar(value);
    case 'weekly-hours': {
      const week = value as WeeklyHours;
      const days = WEEKDAYS.filter((day) => (week[day]?.length ?? 0) > 0).map(
        (day) => `${t(`settings.options.weekday.${day}`)} ${intervalsText(week[day])}`,
      );
      return days.length > 0 ? days.join('; ') : t('switchboard.values.none');
    }
    case 'date-exceptions': {
      const exceptions = value as ExceptionDate[];
      return exceptions.length > 0
        ? exceptions
            .map((e) => `${e.date} ${e.intervals.length > 0 ? intervalsText(e.intervals) : '×'}`)
            .join('; ')
        : t('switchboard.values.none');
    }
    case 'time-window': {
      const window = value as Interval;
      return `${window.start}–${window.end}`;
    }
    case 'number':
      return hint.unit ? `${scalar(value)} ${t(`settings.units.${hint.unit}`)}` : scalar(value);
    case 'duration':
      return typeof value === 'number' ? formatDurationValue(value, t) : scalar(value);
    case 'phone-select':
      return value === null ? t('switchboard.values.none') : scalar(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

const visible = (hint: FieldUiHints, value: Record<string, unknown>) =>
  Object.entries(hint.visibleWhen ?? {}).every(([field, wanted]) => value[field] === wanted);

/**
 * A setting's value as one readable line, in the admin's language: used wherever values are
 * compared (conflicts, history, import, package inheritance). null/undefined means "not stored".
 */
export function formatSettingValue(key: string, value: unknown, t: Translate): string {
  if (value === null || value === undefined) return t('switchboard.values.inherited');
  if (!isSettingKey(key)) return JSON.stringify(value);
  const { ui } = settingsRegistry[key];
  if (ui.input === 'duration' && typeof value === 'number') {
    return value === 0 ? t('switchboard.values.off') : formatDuration(value, t, ui.durationUnits);
  }
  if (typeof value === 'boolean')
    return t(value ? 'switchboard.values.on' : 'switchboard.values.off');
  if (typeof value === 'string') return optionLabel(ui.options, value, t);
  if (!isRecord(value) || !ui.fields) return JSON.stringify(value);
  if (value.enabled === false) return t('switchboard.values.off');
  const parts = Object.entries(ui.fields).flatMap(([field, hint]) => {
    if (field === 'enabled' || value[field] === undefined || !visible(hint, value)) return [];
    if (hint.input === 'select') return [optionLabel(hint.options, value[field], t)];
    return [`${t(hint.labelKey)}: ${formatField(hint, value[field], t)}`];
  });
  const head = value.enabled === true ? [t('switchboard.values.on')] : [];
  return [...head, ...parts].join(' · ');
}

/** The setting's label, or the raw key for something the model does not know. */
export const settingLabel = (key: string, t: Translate): string =>
  isSettingKey(key) ? t(settingsRegistry[key].labelKey) : key;
