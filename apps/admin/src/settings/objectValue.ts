import { type FieldUiHints, type SettingKey, validate } from '@switchboard/settings-model';

export type ObjectValue = Record<string, unknown>;

export const asObject = (value: unknown): ObjectValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as ObjectValue)
    : {};

/** Whether a field of an object-valued setting may be left out (the model says, not us). */
export function isOptionalField(key: SettingKey, value: ObjectValue, field: string): boolean {
  const without = { ...value };
  delete without[field];
  const result = validate({ [key]: without });
  return (
    result.ok || !result.errors.some((e) => e.path === `${key}.${field}` && e.code === 'required')
  );
}

/**
 * Sets one field. An emptied optional field (no text, no items) is removed rather than stored
 * empty: "no limit" is the field's absence, and an empty list would not validate.
 */
export function setField(
  key: SettingKey,
  value: ObjectValue,
  field: string,
  fieldValue: unknown,
): ObjectValue {
  const empty = fieldValue === undefined || (Array.isArray(fieldValue) && fieldValue.length === 0);
  if (empty && isOptionalField(key, value, field)) {
    const next = { ...value };
    delete next[field];
    return next;
  }
  return { ...value, [field]: fieldValue };
}

/** `visibleWhen`: every named sibling holds the wanted value (e.g. only while enabled). */
export const isFieldVisible = (hint: FieldUiHints, value: ObjectValue): boolean =>
  Object.entries(hint.visibleWhen ?? {}).every(([field, wanted]) => value[field] === wanted);
