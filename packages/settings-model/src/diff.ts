import { deepEqual } from './deep-equal.js';
import { SETTING_KEYS, type SettingKey, type SettingsPatch } from './registry.js';

export interface SettingChange {
  key: SettingKey;
  /** The value in `a`; undefined when `a` does not set the key. */
  before: unknown;
  /** The value in `b`; undefined when `b` does not set the key. */
  after: unknown;
}

/** The settings whose values differ between `a` and `b`, in registry order. */
export function diff(a: SettingsPatch, b: SettingsPatch): SettingChange[] {
  return SETTING_KEYS.flatMap((key) =>
    deepEqual(a[key], b[key])
      ? []
      : [{ key, before: structuredClone(a[key]), after: structuredClone(b[key]) }],
  );
}

/**
 * Applies changes to a patch: forwards (`after`, to replay) or backwards (`before`, to roll a
 * revision back). An undefined side removes the key.
 */
export function applyChanges(
  base: SettingsPatch,
  changes: readonly SettingChange[],
  direction: 'forward' | 'backward' = 'forward',
): SettingsPatch {
  const result: Record<string, unknown> = structuredClone(base);
  for (const change of changes) {
    const value = direction === 'forward' ? change.after : change.before;
    if (value === undefined) delete result[change.key];
    else result[change.key] = structuredClone(value);
  }
  return result;
}
