import { defaultValues } from '@switchboard/settings-model';
import {
  applyValues,
  changedValues,
  documentChanges,
  effectiveView,
  emptyDocument,
  normaliseDocument,
  unentitledChanges,
} from './settings-document.js';

describe('settings documents', () => {
  it('normalises a stored document: empty packages dropped, package ids sorted', () => {
    const document = normaliseDocument({
      tenant: { 'email.queueOrder': 'oldest' },
      packages: {
        web2: { 'chat.clientHistory': true },
        empty: {},
        web1: { 'chat.avRecording': true },
      },
    });
    expect(document).toEqual({
      tenant: { 'email.queueOrder': 'oldest' },
      packages: { web1: { 'chat.avRecording': true }, web2: { 'chat.clientHistory': true } },
    });
    expect(Object.keys(document.packages)).toEqual(['web1', 'web2']);
    expect(normaliseDocument(null)).toEqual(emptyDocument());
  });

  it('lists changes tenant first, then packages by id, with null for "not stored"', () => {
    const before = normaliseDocument({
      tenant: { 'email.queueOrder': 'oldest', 'chat.clientHistory': true },
      packages: { b: { 'chat.statusWhenAllAway': 'offline' } },
    });
    const after = normaliseDocument({
      tenant: { 'email.queueOrder': 'newest', 'chat.clientHistory': true },
      packages: { a: { 'chat.clientHistory': false } },
    });
    expect(documentChanges(before, after)).toEqual([
      { scope: 'tenant', key: 'email.queueOrder', before: 'oldest', after: 'newest' },
      { scope: 'package', packageId: 'a', key: 'chat.clientHistory', before: null, after: false },
      {
        scope: 'package',
        packageId: 'b',
        key: 'chat.statusWhenAllAway',
        before: 'offline',
        after: null,
      },
    ]);
    expect(documentChanges(after, after)).toEqual([]);
  });

  it('maps changes to before/after of the changed keys only', () => {
    const changes = documentChanges(
      emptyDocument(),
      normaliseDocument({
        tenant: { 'email.queueOrder': 'oldest' },
        packages: { w: { 'chat.avRecording': true } },
      }),
    );
    expect(changedValues(changes)).toEqual({
      before: { 'email.queueOrder': null, 'packages.w.chat.avRecording': null },
      after: { 'email.queueOrder': 'oldest', 'packages.w.chat.avRecording': true },
    });
  });

  it('sets values and clears nulls without touching the input', () => {
    const patch = { 'email.queueOrder': 'oldest' as const, 'chat.clientHistory': true };
    const next = applyValues(patch, { 'email.queueOrder': null, 'chat.avRecording': true });
    expect(next).toEqual({ 'chat.clientHistory': true, 'chat.avRecording': true });
    expect(patch).toEqual({ 'email.queueOrder': 'oldest', 'chat.clientHistory': true });
  });

  it('resolves effective values with provenance per level', () => {
    const document = normaliseDocument({
      tenant: { 'chat.statusWhenAllAway': 'offline', 'email.queueOrder': 'oldest' },
      packages: { web: { 'chat.statusWhenAllAway': 'busy' } },
    });
    const tenantLevel = effectiveView(document, []);
    expect(tenantLevel.values['chat.statusWhenAllAway']).toBe('offline');
    expect(tenantLevel.provenance['chat.statusWhenAllAway']).toBe('tenant');
    const packageLevel = effectiveView(document, [], 'web');
    expect(packageLevel.values['chat.statusWhenAllAway']).toBe('busy');
    expect(packageLevel.provenance['chat.statusWhenAllAway']).toBe('package');
    expect(packageLevel.provenance['email.queueOrder']).toBe('tenant');
    expect(packageLevel.provenance['chat.clientHistory']).toBe('default');
    expect(effectiveView(document, [], 'other').provenance['chat.statusWhenAllAway']).toBe(
      'tenant',
    );
  });

  it('ignores stored values whose entitlement the tenant has lost', () => {
    const document = normaliseDocument({ tenant: { 'chat.avRecording': true }, packages: {} });
    expect(effectiveView(document, ['av']).values['chat.avRecording']).toBe(true);
    const lapsed = effectiveView(document, []);
    expect(lapsed.values['chat.avRecording']).toBe(defaultValues()['chat.avRecording']);
    expect(lapsed.provenance['chat.avRecording']).toBe('default');
  });

  it('finds changes that set a value needing a missing entitlement, but not clears', () => {
    const withAv = normaliseDocument({ tenant: { 'chat.avRecording': true }, packages: {} });
    const setting = documentChanges(emptyDocument(), withAv);
    expect(unentitledChanges(setting, [])).toEqual([{ change: setting[0], entitlement: 'av' }]);
    expect(unentitledChanges(setting, ['av'])).toEqual([]);
    expect(unentitledChanges(documentChanges(withAv, emptyDocument()), [])).toEqual([]);
  });
});
