import { type z } from 'zod';
import { type Scope } from './definition.js';
import { SETTING_KEYS, type SettingsPatch, isSettingKey, settingsRegistry } from './registry.js';
import { type ErrorCode, codeFromMessageKey, errorKey } from './schema/error-codes.js';
import { settingsErrorMap } from './schema/error-map.js';

export interface FieldError {
  /** Dotted path from the settings root, e.g. `chat.transcriptReplyTo.companyAddress`; '' for the root. */
  path: string;
  /** Stable machine code, one of `ERROR_CODES`. */
  code: ErrorCode;
  /** Translation key of the message (cs and en exist for each). */
  messageKey: string;
  params?: Record<string, string | number>;
}

export type ValidationResult =
  { ok: true; value: SettingsPatch } | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** `package`: only package-scoped settings may appear (a package override). Default `tenant`. */
  scope?: Scope;
  /** The tenant's licence flags; when given, settings needing a missing one are refused. */
  entitlements?: readonly string[];
  /**
   * Every setting the scope and licence allow must be present (a full export being imported, or
   * the merged whole); missing ones give `required`.
   */
  complete?: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function fieldError(
  path: string,
  code: ErrorCode,
  params?: Record<string, string | number>,
): FieldError {
  return { path, code, messageKey: errorKey(code), ...(params ? { params } : {}) };
}

function scalarParams(source: unknown): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (typeof source !== 'object' || source === null) return params;
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  return params;
}

function paramsOf(issue: z.core.$ZodIssue): Record<string, string | number> {
  switch (issue.code) {
    case 'too_small':
      return { minimum: Number(issue.minimum) };
    case 'too_big':
      return { maximum: Number(issue.maximum) };
    case 'invalid_value':
      return { options: issue.values.map(String).join(', ') };
    case 'invalid_union':
      return 'options' in issue && issue.options
        ? { options: issue.options.map(String).join(', ') }
        : {};
    case 'invalid_format':
      return { format: issue.format };
    case 'invalid_type':
      return { expected: issue.expected };
    case 'custom':
      return scalarParams(issue.params);
    default:
      return {};
  }
}

function joinPath(root: string, path: readonly PropertyKey[]): string {
  return [root, ...path.map(String)].filter((part) => part !== '').join('.');
}

function toFieldErrors(key: string, issue: z.core.$ZodIssue): FieldError[] {
  const code = codeFromMessageKey(issue.message) ?? 'invalid_type';
  const messageKey = codeFromMessageKey(issue.message) ? issue.message : errorKey(code);
  const path = joinPath(key, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((unknownKey) => ({
      path: joinPath(path, [unknownKey]),
      code,
      messageKey,
    }));
  }
  const params = paramsOf(issue);
  return [{ path, code, messageKey, ...(Object.keys(params).length > 0 ? { params } : {}) }];
}

const rank = (path: string) => {
  const index = SETTING_KEYS.findIndex((key) => path === key || path.startsWith(`${key}.`));
  return index === -1 ? SETTING_KEYS.length : index;
};

/**
 * Validates settings: a tenant patch, a package override (`scope: 'package'`), or a complete set.
 * Unknown keys, keys the scope or licence does not allow, and every schema rule are reported as
 * field errors with stable codes; on success `value` holds the normalised values (e.g. file
 * extensions lower-cased). Keys whose value is `undefined` are treated as absent.
 */
export function validate(partial: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!isPlainObject(partial)) return { ok: false, errors: [fieldError('', 'invalid_type')] };
  const errors: FieldError[] = [];
  const value: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(partial)) {
    if (raw === undefined) continue;
    if (!isSettingKey(key)) {
      errors.push(fieldError(key, 'unknown_setting'));
      continue;
    }
    const definition = settingsRegistry[key];
    if (options.scope === 'package' && definition.scope !== 'package') {
      errors.push(fieldError(key, 'not_package_scoped'));
      continue;
    }
    const needed = definition.entitlement;
    if (options.entitlements && needed && !options.entitlements.includes(needed)) {
      errors.push(fieldError(key, 'feature_not_entitled', { entitlement: needed }));
      continue;
    }
    const parsed = definition.schema.safeParse(raw, { error: settingsErrorMap });
    if (parsed.success) value[key] = parsed.data;
    else errors.push(...parsed.error.issues.flatMap((issue) => toFieldErrors(key, issue)));
  }
  if (options.complete) {
    const allowed = SETTING_KEYS.filter((key) => {
      const { scope, entitlement } = settingsRegistry[key];
      if (options.scope === 'package' && scope !== 'package') return false;
      return !(options.entitlements && entitlement && !options.entitlements.includes(entitlement));
    });
    for (const key of allowed) {
      if (partial[key] === undefined) errors.push(fieldError(key, 'required'));
    }
  }
  if (errors.length > 0) {
    // Sort stably by setting so the order does not depend on the order of keys in the input.
    return { ok: false, errors: errors.sort((a, b) => rank(a.path) - rank(b.path)) };
  }
  return { ok: true, value };
}
