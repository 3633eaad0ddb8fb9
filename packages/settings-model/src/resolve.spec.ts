import fc from 'fast-check';
import { SETTING_KEYS, type SettingsPatch, defaultValues, isPackageScoped } from './registry.js';
import { resolveEffective } from './resolve.js';

describe('resolveEffective', () => {
  const defaults = defaultValues();

  it('uses the defaults when nothing is stored', () => {
    const effective = resolveEffective(defaults, {});
    expect(effective.values).toEqual(defaults);
    expect(new Set(Object.values(effective.provenance))).toEqual(new Set(['default']));
    expect(effective.settings.chat.clientDisconnectGrace).toBe(60);
  });

  it('prefers the tenant value over the default, and the package override over both', () => {
    const tenant: SettingsPatch = {
      'chat.statusWhenAllAway': 'offline',
      'chat.clientHistory': true,
      'email.queueOrder': 'oldest',
    };
    const packageOverride: SettingsPatch = {
      'chat.statusWhenAllAway': 'busy',
      'chat.clientDisconnectGrace': 300,
    };
    const effective = resolveEffective(defaults, tenant, packageOverride);
    expect(effective.values['chat.statusWhenAllAway']).toBe('busy');
    expect(effective.provenance['chat.statusWhenAllAway']).toBe('package');
    expect(effective.values['chat.clientDisconnectGrace']).toBe(300);
    expect(effective.provenance['chat.clientDisconnectGrace']).toBe('package');
    expect(effective.values['chat.clientHistory']).toBe(true);
    expect(effective.provenance['chat.clientHistory']).toBe('tenant');
    expect(effective.values['email.queueOrder']).toBe('oldest');
    expect(effective.provenance['email.queueOrder']).toBe('tenant');
    expect(effective.provenance['chat.avRecording']).toBe('default');
    expect(effective.settings.chat.statusWhenAllAway).toBe('busy');
  });

  it('ignores a package override of a tenant-scoped setting', () => {
    const effective = resolveEffective(
      defaults,
      { 'email.queueOrder': 'oldest' },
      { 'email.queueOrder': 'newest', 'chat.deleteFilesAfterSession': true },
    );
    expect(effective.values['email.queueOrder']).toBe('oldest');
    expect(effective.provenance['email.queueOrder']).toBe('tenant');
    expect(effective.values['chat.deleteFilesAfterSession']).toBe(false);
    expect(effective.provenance['chat.deleteFilesAfterSession']).toBe('default');
  });

  it('copies values, so changing the result leaves the inputs alone', () => {
    const tenant: SettingsPatch = {
      'general.operatorsMayBan': { enabled: true, offeredDurations: ['1h'] },
    };
    const effective = resolveEffective(defaults, tenant);
    effective.values['general.operatorsMayBan'].offeredDurations.push('7d');
    effective.values['general.waitingClientPreview'].fields.length = 0;
    expect(tenant['general.operatorsMayBan']?.offeredDurations).toEqual(['1h']);
    expect(defaults['general.waitingClientPreview'].fields).toHaveLength(3);
  });

  it('follows package > tenant > default for any subsets of stored keys', () => {
    const marked = (level: string) =>
      fc
        .subarray([...SETTING_KEYS])
        .map((keys) => Object.fromEntries(keys.map((key) => [key, level])));
    fc.assert(
      fc.property(marked('tenant'), marked('package'), (tenantKeys, packageKeys) => {
        // Mark each stored value with its level, so the result shows where it came from.
        const base = Object.fromEntries(
          SETTING_KEYS.map((key) => [key, 'default']),
        ) as unknown as ReturnType<typeof defaultValues>;
        const effective = resolveEffective(base, tenantKeys, packageKeys);
        for (const key of SETTING_KEYS) {
          const expected =
            packageKeys[key] && isPackageScoped(key)
              ? 'package'
              : tenantKeys[key]
                ? 'tenant'
                : 'default';
          expect(effective.provenance[key]).toBe(expected);
          expect(effective.values[key]).toBe(expected);
        }
      }),
    );
  });
});
