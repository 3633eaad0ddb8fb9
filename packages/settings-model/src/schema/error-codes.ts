/**
 * Every code a settings validation can produce. Codes are stable API: the backend returns them in
 * 422/403 bodies and the admin maps them to inline errors, so rename only with a migration note.
 */
export const ERROR_CODES = [
  'invalid_type',
  'required',
  'not_integer',
  'too_small',
  'too_big',
  'invalid_enum',
  'invalid_format',
  'unknown_field',
  'unknown_setting',
  'not_package_scoped',
  'feature_not_entitled',
  'duplicate_item',
  'fields_required',
  'durations_required',
  'numbers_required',
  'duplicate_number',
  'default_number_required',
  'default_number_not_allowed',
  'company_address_required',
  'interval_order',
  'interval_overlap',
  'hours_required',
  'duplicate_date',
  'window_empty',
  'invalid_time_zone',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const ERROR_KEY_PREFIX = 'settings.errors.';

/**
 * Size errors read differently for numbers, texts and lists ("at least 3" vs "at least 3 items"),
 * so they get a message per origin while keeping one code; `value` covers any other origin.
 */
export const SIZE_ORIGINS = ['number', 'string', 'array', 'value'] as const;
export type SizeOrigin = (typeof SIZE_ORIGINS)[number];

const isSizeCode = (code: ErrorCode) => code === 'too_small' || code === 'too_big';

export function errorKey(code: ErrorCode, origin: SizeOrigin = 'value'): string {
  return isSizeCode(code) ? `${ERROR_KEY_PREFIX}${code}.${origin}` : `${ERROR_KEY_PREFIX}${code}`;
}

/** Every message key an error can carry; each has a cs and an en message. */
export const ERROR_MESSAGE_KEYS: readonly string[] = ERROR_CODES.flatMap((code) =>
  isSizeCode(code) ? SIZE_ORIGINS.map((origin) => errorKey(code, origin)) : [errorKey(code)],
);

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}

/** Reads the code back from a message key produced by {@link errorKey}. */
export function codeFromMessageKey(messageKey: string): ErrorCode | undefined {
  if (!messageKey.startsWith(ERROR_KEY_PREFIX)) return undefined;
  const code = messageKey.slice(ERROR_KEY_PREFIX.length).split('.')[0] ?? '';
  return isErrorCode(code) ? code : undefined;
}
