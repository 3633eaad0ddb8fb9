import { type z } from 'zod';
import { type ErrorCode, type SizeOrigin, SIZE_ORIGINS, errorKey } from './error-codes.js';

type RawIssue = z.core.$ZodRawIssue;

function sizeOrigin(origin: unknown): SizeOrigin {
  return SIZE_ORIGINS.find((candidate) => candidate === origin) ?? 'value';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function codeOf(issue: RawIssue): ErrorCode {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return issue.expected === 'int' && typeof issue.input === 'number'
        ? 'not_integer'
        : 'invalid_type';
    case 'too_small':
      return 'too_small';
    case 'too_big':
      return 'too_big';
    case 'invalid_value':
      return issue.input === undefined ? 'required' : 'invalid_enum';
    case 'invalid_format':
      return 'invalid_format';
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'invalid_union': {
      // A discriminated union reports a bad or missing discriminator (e.g. `enabled`) here.
      const discriminator = issue.discriminator;
      if (typeof discriminator === 'string' && isRecord(issue.input)) {
        return issue.input[discriminator] === undefined ? 'required' : 'invalid_enum';
      }
      return 'invalid_type';
    }
    default:
      return 'invalid_type';
  }
}

/**
 * Turns every zod issue into a translation key (`settings.errors.<code>[.<origin>]`), so the same
 * schema yields the backend's 422 bodies and the admin's inline errors. Attached to every schema
 * this package builds, and usable as a parse-time map (`schema.safeParse(v, { error })`).
 */
export const settingsErrorMap: z.core.$ZodErrorMap = (issue) => {
  const code = codeOf(issue);
  return errorKey(code, 'origin' in issue ? sizeOrigin(issue.origin) : 'value');
};

/** Schema params that make a zod builder report translation keys. */
export const withErrorKeys = { error: settingsErrorMap } as const;
