import fc from 'fast-check';
import { badCases, fullPath, goodCases } from '../test/setting-cases.js';
import { messages } from './i18n/translate.js';
import { SETTING_KEYS, defaultValues, settingsRegistry } from './registry.js';
import { ERROR_CODES } from './schema/error-codes.js';
import { type FieldError, validate } from './validate.js';

function errorsOf(input: unknown, options?: Parameters<typeof validate>[1]): FieldError[] {
  const result = validate(input, options);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

describe('validate', () => {
  it('accepts every default, alone and all together', () => {
    for (const key of SETTING_KEYS) {
      expect(validate({ [key]: settingsRegistry[key].defaultValue })).toEqual({
        ok: true,
        value: { [key]: settingsRegistry[key].defaultValue },
      });
    }
    expect(validate(defaultValues(), { complete: true })).toEqual({
      ok: true,
      value: defaultValues(),
    });
  });

  it.each(goodCases)('accepts $key: $name', ({ key, value }) => {
    expect(validate({ [key]: value }).ok).toBe(true);
  });

  it.each(badCases)('refuses $key: $name with $code', (c) => {
    const errors = errorsOf({ [c.key]: c.value });
    expect(errors).toContainEqual(expect.objectContaining({ path: fullPath(c), code: c.code }));
    for (const error of errors) {
      expect(error.path === c.key || error.path.startsWith(`${c.key}.`)).toBe(true);
    }
  });

  it('gives every error a message key that both locales translate', () => {
    for (const c of badCases) {
      for (const error of errorsOf({ [c.key]: c.value })) {
        expect(messages.cs[error.messageKey]).toBeTruthy();
        expect(messages.en[error.messageKey]).toBeTruthy();
      }
    }
  });

  it('reports the bounds of a range error as params', () => {
    expect(errorsOf({ 'chat.clientDisconnectGrace': 3601 })).toEqual([
      {
        path: 'chat.clientDisconnectGrace',
        code: 'too_big',
        messageKey: 'settings.errors.too_big.number',
        params: { maximum: 3600 },
      },
    ]);
    expect(
      errorsOf({
        'general.autoAnonymization': {
          enabled: true,
          olderThanDays: 0,
          window: { start: '01:00', end: '02:00' },
          timeZone: 'UTC',
        },
      }),
    ).toEqual([
      {
        path: 'general.autoAnonymization.olderThanDays',
        code: 'too_small',
        messageKey: 'settings.errors.too_small.number',
        params: { minimum: 1 },
      },
    ]);
  });

  it('lists the allowed options of an enum error', () => {
    expect(errorsOf({ 'email.queueOrder': 'random' })).toEqual([
      {
        path: 'email.queueOrder',
        code: 'invalid_enum',
        messageKey: 'settings.errors.invalid_enum',
        params: { options: 'newest, oldest' },
      },
    ]);
  });

  it('refuses a non-object with invalid_type at the root', () => {
    for (const input of [null, 'x', 42, [], new Date()]) {
      expect(errorsOf(input)).toEqual([
        { path: '', code: 'invalid_type', messageKey: 'settings.errors.invalid_type' },
      ]);
    }
  });

  it('refuses unknown settings by key, and still checks the known ones', () => {
    expect(errorsOf({ 'chat.colour': 'red', 'email.queueOrder': 'random' })).toEqual([
      expect.objectContaining({ path: 'email.queueOrder', code: 'invalid_enum' }),
      {
        path: 'chat.colour',
        code: 'unknown_setting',
        messageKey: 'settings.errors.unknown_setting',
      },
    ]);
  });

  it('reports each unknown field of an object value separately', () => {
    const errors = errorsOf({ 'chat.transcriptReplyTo': { mode: 'operator', cc: 'a', bcc: 'b' } });
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['chat.transcriptReplyTo.cc', 'unknown_field'],
      ['chat.transcriptReplyTo.bcc', 'unknown_field'],
    ]);
  });

  it('allows only package-scoped settings in a package override', () => {
    expect(
      validate(
        { 'chat.statusWhenAllAway': 'offline', 'chat.clientHistory': true },
        { scope: 'package' },
      ).ok,
    ).toBe(true);
    expect(
      errorsOf(
        { 'email.queueOrder': 'oldest', 'chat.statusWhenAllAway': 'offline' },
        { scope: 'package' },
      ),
    ).toEqual([
      {
        path: 'email.queueOrder',
        code: 'not_package_scoped',
        messageKey: 'settings.errors.not_package_scoped',
      },
    ]);
    expect(validate({ 'email.queueOrder': 'oldest' }, { scope: 'tenant' }).ok).toBe(true);
  });

  it('refuses settings whose entitlement the tenant lacks, only when entitlements are given', () => {
    const patch = {
      'chat.avRecording': true,
      'phone.callerIdSelection': defaultValues()['phone.callerIdSelection'],
    };
    expect(validate(patch).ok).toBe(true);
    expect(validate(patch, { entitlements: ['av', 'phone.callerIdSelection'] }).ok).toBe(true);
    expect(errorsOf(patch, { entitlements: ['av'] })).toEqual([
      {
        path: 'phone.callerIdSelection',
        code: 'feature_not_entitled',
        messageKey: 'settings.errors.feature_not_entitled',
        params: { entitlement: 'phone.callerIdSelection' },
      },
    ]);
    expect(errorsOf({ 'chat.avRecording': true }, { entitlements: [] })).toEqual([
      expect.objectContaining({ path: 'chat.avRecording', code: 'feature_not_entitled' }),
    ]);
  });

  it('requires every allowed setting when asked for a complete set', () => {
    const { 'email.queueOrder': _dropped, ...rest } = defaultValues();
    expect(errorsOf(rest, { complete: true })).toEqual([
      { path: 'email.queueOrder', code: 'required', messageKey: 'settings.errors.required' },
    ]);
    const { 'phone.callerIdSelection': _unlicensed, ...withoutCallerIds } = defaultValues();
    expect(validate(withoutCallerIds, { complete: true, entitlements: ['av'] }).ok).toBe(true);
  });

  it('treats keys set to undefined as absent', () => {
    expect(validate({ 'email.queueOrder': undefined })).toEqual({ ok: true, value: {} });
  });

  it('returns normalised values', () => {
    const result = validate({
      'chat.clientFileSending': { enabled: true, allowedExtensions: [' .PDF', 'Jpg'] },
    });
    expect(result).toEqual({
      ok: true,
      value: { 'chat.clientFileSending': { enabled: true, allowedExtensions: ['pdf', 'jpg'] } },
    });
  });

  it('orders errors by setting, whatever the order of keys in the input', () => {
    const errors = errorsOf({
      'email.queueOrder': 1,
      'general.showRoutedOperators': 1,
      'chat.avRecording': 1,
    });
    expect(errors.map((e) => e.path)).toEqual([
      'general.showRoutedOperators',
      'chat.avRecording',
      'email.queueOrder',
    ]);
  });

  it('produces every documented code for some input', () => {
    const inputs: [unknown, Parameters<typeof validate>[1]?][] = [
      ...badCases.map((c): [unknown] => [{ [c.key]: c.value }]),
      [{ 'chat.colour': 1 }],
      [{ 'email.queueOrder': 'oldest' }, { scope: 'package' }],
      [{ 'chat.avRecording': true }, { entitlements: [] }],
    ];
    const produced = new Set(
      inputs.flatMap(([input, options]) => errorsOf(input, options).map((e) => e.code)),
    );
    expect([...produced].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('only ever returns documented codes, and never throws, whatever the input', () => {
    const settingValue = fc.oneof(fc.anything(), fc.jsonValue());
    const input = fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom(...SETTING_KEYS, 'x.y', '__proto__', 'constructor'),
        settingValue,
      ),
    );
    fc.assert(
      fc.property(input, (candidate) => {
        const result = validate(candidate);
        if (!result.ok) {
          for (const error of result.errors) expect(ERROR_CODES).toContain(error.code);
        }
      }),
      { numRuns: 300 },
    );
  });
});
