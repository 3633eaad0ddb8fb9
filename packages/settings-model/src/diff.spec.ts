import fc from 'fast-check';
import { deepEqual } from './deep-equal.js';
import { applyChanges, diff } from './diff.js';
import { SETTING_KEYS, type SettingsPatch, defaultValues } from './registry.js';

describe('diff', () => {
  it('finds nothing between equal patches, whatever the key order inside values', () => {
    const a: SettingsPatch = {
      'chat.transcriptReplyTo': { mode: 'company', companyAddress: 'a@b.cz' },
    };
    const b: SettingsPatch = {
      'chat.transcriptReplyTo': { companyAddress: 'a@b.cz', mode: 'company' },
    };
    expect(diff(a, b)).toEqual([]);
    expect(diff(defaultValues(), defaultValues())).toEqual([]);
  });

  it('lists changed, added and removed settings in registry order', () => {
    const before: SettingsPatch = {
      'email.queueOrder': 'newest',
      'chat.clientHistory': true,
      'general.showRoutedOperators': false,
    };
    const after: SettingsPatch = {
      'email.queueOrder': 'oldest',
      'general.showRoutedOperators': false,
      'chat.avRecording': true,
    };
    expect(diff(before, after)).toEqual([
      { key: 'chat.avRecording', before: undefined, after: true },
      { key: 'chat.clientHistory', before: true, after: undefined },
      { key: 'email.queueOrder', before: 'newest', after: 'oldest' },
    ]);
  });

  it('sees changes deep inside a value', () => {
    const a = defaultValues();
    const b = defaultValues();
    b['general.waitingClientPreview'].fields = ['deviceType', 'browser', 'language'];
    expect(diff(a, b)).toEqual([
      {
        key: 'general.waitingClientPreview',
        before: { enabled: true, fields: ['deviceType', 'browser', 'country'] },
        after: { enabled: true, fields: ['deviceType', 'browser', 'language'] },
      },
    ]);
  });

  it('replays forwards and rolls back backwards', () => {
    const patch = fc.dictionary(fc.constantFrom(...SETTING_KEYS), fc.jsonValue(), {
      noNullPrototype: true,
    });
    fc.assert(
      fc.property(patch, patch, (rawA, rawB) => {
        const a = rawA as SettingsPatch;
        const b = rawB as SettingsPatch;
        const changes = diff(a, b);
        expect(deepEqual(applyChanges(a, changes), b)).toBe(true);
        expect(deepEqual(applyChanges(b, changes, 'backward'), a)).toBe(true);
        expect(changes.map((change) => change.key)).toEqual(
          SETTING_KEYS.filter((key) => changes.some((c) => c.key === key)),
        );
      }),
    );
  });
});

describe('deepEqual', () => {
  it('compares JSON-like values structurally', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
