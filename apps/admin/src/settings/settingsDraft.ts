import {
  type FieldError,
  type SettingKey,
  deepEqual,
  isSettingKey,
  settingsRegistry,
  validate,
} from '@switchboard/settings-model';
import { formatDuration } from './duration.js';

/** Unsaved edits of tenant settings: a value, or null for "reset to the default". */
export type Edits = Partial<Record<SettingKey, unknown>>;

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Field path → message, in the admin's language. */
export type ErrorMessages = Record<string, string>;

interface Stored {
  effective: Record<SettingKey, unknown>;
}

/** The value a control shows: the edit, the default for a pending reset, or the effective value. */
export function displayedValue(key: SettingKey, edits: Edits, stored: Stored): unknown {
  if (!Object.hasOwn(edits, key)) return stored.effective[key];
  const edit = edits[key];
  return edit === null ? settingsRegistry[key].defaultValue : edit;
}

/** Records an edit; editing back to the stored value leaves nothing to save. */
export function setEdit(edits: Edits, key: SettingKey, value: unknown, stored: Stored): Edits {
  const next = { ...edits };
  if (deepEqual(value, stored.effective[key])) delete next[key];
  else next[key] = value;
  return next;
}

export const resetEdit = (edits: Edits, key: SettingKey): Edits => ({ ...edits, [key]: null });

export function discardEdit(edits: Edits, key: SettingKey): Edits {
  const next = { ...edits };
  delete next[key];
  return next;
}

/** The same zod rules the backend applies, run on the edited values (resets need none). */
export function validateEdits(edits: Edits, entitlements?: readonly string[]): FieldError[] {
  const values = Object.fromEntries(
    Object.entries(edits).filter(([, value]) => value !== null && value !== undefined),
  );
  const result = validate(values, entitlements ? { entitlements } : {});
  return result.ok ? [] : result.errors;
}

function settingOf(path: string): SettingKey | undefined {
  const [area, name] = path.split('.');
  const key = `${area}.${name}`;
  return isSettingKey(key) ? key : undefined;
}

/** Translates a model error; limits of durations are shown as durations, not seconds. */
export function messageOf(error: FieldError, translate: Translate): string {
  const params: Record<string, unknown> = { ...error.params };
  const key = settingOf(error.path);
  if (key && error.path === key && settingsRegistry[key].ui.input === 'duration') {
    for (const name of ['minimum', 'maximum'] as const) {
      const seconds = error.params?.[name];
      if (typeof seconds === 'number') {
        params[name] = formatDuration(seconds, translate, settingsRegistry[key].ui.durationUnits);
      }
    }
  }
  return translate(error.messageKey, params);
}

export function errorMessages(errors: readonly FieldError[], translate: Translate): ErrorMessages {
  const messages: ErrorMessages = {};
  for (const error of errors) messages[error.path] ??= messageOf(error, translate);
  return messages;
}

/** Drops messages about one setting (its value changed, so the server's verdict is stale). */
export function withoutSetting(messages: ErrorMessages, key: SettingKey): ErrorMessages {
  return Object.fromEntries(
    Object.entries(messages).filter(([path]) => path !== key && !path.startsWith(`${key}.`)),
  );
}

/** Messages at `path` or below it, e.g. every error of one weekday's intervals. */
export function messagesUnder(messages: ErrorMessages, path: string): ErrorMessages {
  return Object.fromEntries(
    Object.entries(messages).filter(([p]) => p === path || p.startsWith(`${path}.`)),
  );
}
