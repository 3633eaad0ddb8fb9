import { ApiError } from '../common/errors/api-error.js';
import {
  callerLanguage,
  contentTag,
  expectedVersion,
  matchesNoneMatch,
  settingsTag,
  versionTag,
} from './settings-http.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return undefined;
}

describe('settings conditional requests', () => {
  it('reads the edited version from If-Match', () => {
    expect(expectedVersion('"7"')).toBe(7);
    expect(expectedVersion('0')).toBe(0);
    expect(expectedVersion(' W/"12" ')).toBe(12);
    expect(versionTag(7)).toBe('"7"');
    // The ETag of GET /api/settings itself, sent back as it was read.
    expect(expectedVersion(settingsTag({ version: 5, entitlements: ['av'] }))).toBe(5);
  });

  it('tags a settings overview by its version and the entitlements it was built with', () => {
    const tag = settingsTag({ version: 2, entitlements: ['av', 'phone.callerIdSelection'] });
    expect(tag).toMatch(/^"2-[\w-]{16}"$/);
    expect(settingsTag({ version: 2, entitlements: ['phone.callerIdSelection', 'av'] })).toBe(tag);
    expect(settingsTag({ version: 2, entitlements: ['av'] })).not.toBe(tag);
    expect(settingsTag({ version: 3, entitlements: ['av', 'phone.callerIdSelection'] })).not.toBe(
      tag,
    );
  });

  it('refuses a write without If-Match with 428 and a malformed one with 400', () => {
    expect(codeOf(() => expectedVersion(undefined))).toBe('precondition_required');
    expect(codeOf(() => expectedVersion('  '))).toBe('precondition_required');
    expect(codeOf(() => expectedVersion('*'))).toBe('invalid_if_match');
    expect(codeOf(() => expectedVersion('"abc"'))).toBe('invalid_if_match');
    expect(codeOf(() => expectedVersion('"1", "2"'))).toBe('invalid_if_match');
  });

  it('makes strong content tags that change with the version and the bytes', () => {
    const tag = contentTag(3, '{"a":1}');
    expect(tag).toMatch(/^"3-[\w-]{16}"$/);
    expect(contentTag(3, '{"a":1}')).toBe(tag);
    expect(contentTag(4, '{"a":1}')).not.toBe(tag);
    expect(contentTag(3, '{"a":2}')).not.toBe(tag);
  });

  it('matches If-None-Match lists, weak forms and the wildcard', () => {
    expect(matchesNoneMatch('"1-x", "3-y"', '"3-y"')).toBe(true);
    expect(matchesNoneMatch('W/"3-y"', '"3-y"')).toBe(true);
    expect(matchesNoneMatch('*', '"3-y"')).toBe(true);
    expect(matchesNoneMatch('"3-z"', '"3-y"')).toBe(false);
    expect(matchesNoneMatch(undefined, '"3-y"')).toBe(false);
  });

  it("uses Accept-Language when sent, else the principal's locale", () => {
    expect(callerLanguage('en-GB,cs;q=0.5', 'cs')).toBe('en');
    expect(callerLanguage(undefined, 'cs')).toBe('cs');
    expect(callerLanguage('', 'cs')).toBe('cs');
    expect(callerLanguage('*', 'cs')).toBe('cs');
    expect(callerLanguage('de', 'cs')).toBe('en');
  });
});
