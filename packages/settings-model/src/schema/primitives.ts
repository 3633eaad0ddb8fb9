import { z } from 'zod';
import { en, type MessageKey } from '../i18n/en.js';
import { type ErrorCode, errorKey } from './error-codes.js';
import { withErrorKeys } from './error-map.js';

/*
 * Builders for the settings schemas. Each one attaches the settings error map, so every issue a
 * settings schema raises carries a translation key as its message, whoever parses it.
 */

export const bool = () => z.boolean(withErrorKeys);

export const int = (min: number, max: number) =>
  z.int(withErrorKeys).min(min, withErrorKeys).max(max, withErrorKeys);

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, withErrorKeys);

export const literal = <const T extends string | boolean>(value: T) =>
  z.literal(value, withErrorKeys);

export const object = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, withErrorKeys);

const NO_OUTER_WHITESPACE = /^\S(?:.*\S)?$/;

/** A short free text without leading or trailing blanks (tag names, package ids, notes). */
export const text = (maxLength: number) =>
  z
    .string(withErrorKeys)
    .min(1, withErrorKeys)
    .max(maxLength, withErrorKeys)
    .regex(NO_OUTER_WHITESPACE, withErrorKeys);

export const email = () => z.email(withErrorKeys).max(254, withErrorKeys);

/** ITU-T E.164: a plus sign, then up to 15 digits without a leading zero. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

export const e164 = () => z.string(withErrorKeys).regex(E164_PATTERN, withErrorKeys);

export const isoDate = () => z.iso.date(withErrorKeys);

export const list = <T extends z.core.SomeType>(item: T, size: { min?: number; max: number }) =>
  z
    .array(item, withErrorKeys)
    .min(size.min ?? 0, withErrorKeys)
    .max(size.max, withErrorKeys);

/** Reports a rule of our own (a cross-field rule) with its code as the message key. */
export function reportIssue(
  ctx: z.core.$RefinementCtx,
  code: ErrorCode,
  path: readonly PropertyKey[],
  params?: Record<string, string | number>,
): void {
  ctx.addIssue({
    code: 'custom',
    message: errorKey(code),
    path: [...path],
    input: ctx.value,
    params: { ...params },
  });
}

/**
 * A list whose items must differ. zod reports each repeated item at its own index; the JSON
 * Schema says the same with `uniqueItems`.
 */
export const uniqueList = <T extends z.core.SomeType>(
  item: T,
  size: { min?: number; max: number },
  duplicateCode: ErrorCode = 'duplicate_item',
) =>
  list(item, size)
    .superRefine((items, ctx) => {
      const seen = new Set<unknown>();
      items.forEach((value, index) => {
        if (seen.has(value)) reportIssue(ctx, duplicateCode, [index], { value: String(value) });
        seen.add(value);
      });
    })
    .meta({ uniqueItems: true });

/**
 * Documents a schema in the JSON Schema export with the English label (and help) of its field;
 * the same keys label the field in the admin.
 */
export const doc = (labelKey: MessageKey, helpKey?: MessageKey) => ({
  description: helpKey ? `${en[labelKey]}. ${en[helpKey]}` : en[labelKey],
});

/*
 * JSON Schema fragments for cross-field rules. They name their `type` everywhere because strict
 * validators (ajv's strictTypes) refuse `properties` or `minItems` without it.
 */

/** "The object's properties match these schemas" (for if/then/anyOf branches). */
export const hasProperties = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
});

/** A list that must not be empty. */
export const nonEmptyList = { type: 'array', minItems: 1 } as const;

/** "When `enabled` is true, these properties must also match." */
export const whenEnabled = (then: Record<string, unknown>) => ({
  if: { ...hasProperties({ enabled: { const: true } }), required: ['enabled'] },
  then: hasProperties(then),
});

/** A setting that is either off (`{ enabled: false }`) or on with its own configuration. */
export const switchable = <T extends z.core.$ZodTypeDiscriminable>(on: T) =>
  z.discriminatedUnion(
    'enabled',
    [object({ enabled: literal(false).meta(doc('settings.common.enabled.label')) }), on],
    withErrorKeys,
  );
