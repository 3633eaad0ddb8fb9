import { createHash } from 'node:crypto';
import { type Language, negotiateLanguage } from '../common/i18n/translate.js';
import { invalidIfMatch, preconditionRequired } from './settings-errors.js';

/** The ETag of a settings version as the panel sees it: `"<version>"`. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

/**
 * The ETag of a settings overview (GET /api/settings, a package's view, write answers):
 * `"<version>-<hash>"`. The hash covers the entitlements, which the effective values and the
 * body depend on and which a reinstall can change without a new settings version.
 */
export function settingsTag(stored: { version: number; entitlements: readonly string[] }): string {
  return contentTag(stored.version, JSON.stringify([...stored.entitlements].sort()));
}

/**
 * The version a writer edited, from `If-Match: "<version>"` or the ETag it read
 * (`"<version>-<hash>"`; a bare number is accepted too). Only the version is compared: a write
 * is judged against the tenant's entitlements of now anyway. Settings writes are always
 * conditional: without the header the request is refused with 428.
 */
export function expectedVersion(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '') throw preconditionRequired();
  const match = /^\s*(?:W\/)?"?(\d{1,9})(?:-[\w-]{1,64})?"?\s*$/.exec(value);
  if (match?.[1] === undefined) throw invalidIfMatch();
  return Number(match[1]);
}

/** A strong ETag for a representation: its version plus a hash of the exact bytes served. */
export function contentTag(version: number, body: string): string {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return `"${version}-${hash}"`;
}

/** Whether `If-None-Match` names the current tag (or `*`), so a 304 may be answered. */
export function matchesNoneMatch(header: string | string[] | undefined, tag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined) return false;
  return value
    .split(',')
    .map((part) => part.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === '*' || candidate === tag);
}

/** No Accept-Language, an empty one, or just `*` (what fetch clients send by default). */
export function expressesNoPreference(acceptLanguage: string | string[] | undefined): boolean {
  const value = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  return value === undefined || value.trim() === '' || value.trim() === '*';
}

/**
 * The language for texts a handler renders itself (dry-run errors): Accept-Language when the
 * caller states a preference, otherwise the principal's own locale.
 */
export function callerLanguage(
  acceptLanguage: string | string[] | undefined,
  fallback: Language,
): Language {
  return expressesNoPreference(acceptLanguage) ? fallback : negotiateLanguage(acceptLanguage);
}
