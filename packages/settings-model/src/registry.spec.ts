import {
  SETTING_KEYS,
  type SettingKey,
  type SettingValue,
  areas,
  defaultValues,
  entitlementFor,
  isPackageScoped,
  isSettingKey,
  settingsRegistry,
} from './registry.js';

type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Compile-time checks: the key union and a few value types are exactly what the design fixes.
const keysAreExact: Equals<
  SettingKey,
  | 'general.waitingClientPreview'
  | 'general.showRoutedOperators'
  | 'general.operatorsMayBan'
  | 'general.autoAnonymization'
  | 'phone.callerIdSelection'
  | 'chat.avRecording'
  | 'chat.statusWhenAllAway'
  | 'chat.transcriptReplyTo'
  | 'chat.offlineCallback'
  | 'chat.callbackNumberBlock'
  | 'chat.clientFileSending'
  | 'chat.deleteFilesAfterSession'
  | 'chat.clientHistory'
  | 'chat.clientDisconnectGrace'
  | 'email.queueOrder'
> = true;
const statusIsEnum: Equals<SettingValue<'chat.statusWhenAllAway'>, 'busy' | 'offline'> = true;
const graceIsNumber: Equals<SettingValue<'chat.clientDisconnectGrace'>, number> = true;
const replyToShape: Equals<
  SettingValue<'chat.transcriptReplyTo'>,
  { mode: 'operator' | 'company'; companyAddress?: string | undefined }
> = true;

// The table of ../../shared/design/settings.md: key, area, scope, entitlement, default.
const table: [SettingKey, string, string, string | undefined, unknown][] = [
  [
    'general.waitingClientPreview',
    'general',
    'tenant',
    undefined,
    { enabled: true, fields: ['deviceType', 'browser', 'country'] },
  ],
  ['general.showRoutedOperators', 'general', 'tenant', undefined, false],
  [
    'general.operatorsMayBan',
    'general',
    'tenant',
    undefined,
    { enabled: true, offeredDurations: ['permanent', '1h', '24h', '7d', '30d'] },
  ],
  ['general.autoAnonymization', 'general', 'tenant', undefined, { enabled: false }],
  [
    'phone.callerIdSelection',
    'phone',
    'tenant',
    'phone.callerIdSelection',
    { enabled: false, allowedNumbers: [], defaultNumber: null },
  ],
  ['chat.avRecording', 'chat', 'package', 'av', false],
  ['chat.statusWhenAllAway', 'chat', 'package', undefined, 'busy'],
  ['chat.transcriptReplyTo', 'chat', 'tenant', undefined, { mode: 'operator' }],
  ['chat.offlineCallback', 'chat', 'package', undefined, { enabled: false }],
  ['chat.callbackNumberBlock', 'chat', 'tenant', undefined, 30 * 60],
  ['chat.clientFileSending', 'chat', 'package', undefined, { enabled: true }],
  ['chat.deleteFilesAfterSession', 'chat', 'tenant', undefined, false],
  ['chat.clientHistory', 'chat', 'package', undefined, false],
  ['chat.clientDisconnectGrace', 'chat', 'package', undefined, 60],
  ['email.queueOrder', 'email', 'tenant', undefined, 'newest'],
];

describe('settings registry', () => {
  it('holds exactly the 15 settings of the design, in its order', () => {
    expect([keysAreExact, statusIsEnum, graceIsNumber, replyToShape]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(SETTING_KEYS).toEqual(table.map(([key]) => key));
    expect(Object.keys(settingsRegistry).sort()).toEqual([...SETTING_KEYS].sort());
  });

  it.each(table)(
    '%s: area %s, scope %s, entitlement %s, default %j',
    (key, category, scope, entitlement, defaultValue) => {
      const definition = settingsRegistry[key];
      expect(definition.key).toBe(key);
      expect(definition.category).toBe(category);
      expect(definition.scope).toBe(scope);
      expect(definition.entitlement).toBe(entitlement);
      expect(entitlementFor(key)).toBe(entitlement);
      expect(isPackageScoped(key)).toBe(scope === 'package');
      expect(definition.defaultValue).toEqual(defaultValue);
      expect(definition.schema.safeParse(definition.defaultValue).success).toBe(true);
      expect(definition.labelKey).toBe(`settings.${key}.label`);
      expect(definition.helpKey).toBe(`settings.${key}.help`);
      expect(definition.ui.order).toBe(definition.order);
    },
  );

  it('stores durations in seconds and offers units to edit them in', () => {
    for (const key of ['chat.callbackNumberBlock', 'chat.clientDisconnectGrace'] as const) {
      expect(settingsRegistry[key].unit).toBe('seconds');
      expect(settingsRegistry[key].ui.input).toBe('duration');
      expect(settingsRegistry[key].ui.durationUnits?.length).toBeGreaterThan(0);
    }
    expect(
      settingsRegistry['chat.callbackNumberBlock'].schema.safeParse(7 * 24 * 3600).success,
    ).toBe(true);
    expect(settingsRegistry['chat.clientDisconnectGrace'].schema.safeParse(60 * 60).success).toBe(
      true,
    );
  });

  it('groups the settings into the four areas, each once, ordered within its area', () => {
    expect(areas.map((area) => area.id)).toEqual(['general', 'phone', 'chat', 'email']);
    expect(areas.flatMap((area) => area.settings)).toEqual(SETTING_KEYS);
    for (const area of areas) {
      expect(area.labelKey).toBe(`settings.areas.${area.id}`);
      const orders = area.settings.map((key) => settingsRegistry[key].order);
      expect(orders).toEqual([...orders].sort((a, b) => a - b));
      expect(new Set(orders).size).toBe(orders.length);
    }
  });

  it('hands out defaults as fresh deep copies', () => {
    const first = defaultValues();
    first['general.waitingClientPreview'].fields.push('os');
    first['email.queueOrder'] = 'oldest';
    expect(defaultValues()['general.waitingClientPreview'].fields).toEqual([
      'deviceType',
      'browser',
      'country',
    ]);
    expect(defaultValues()['email.queueOrder']).toBe('newest');
    expect(settingsRegistry['general.waitingClientPreview'].defaultValue.fields).toHaveLength(3);
  });

  it('recognises setting keys, and nothing inherited from Object', () => {
    expect(isSettingKey('chat.clientHistory')).toBe(true);
    for (const candidate of ['chat', 'chat.colour', 'toString', '__proto__', 42, null]) {
      expect(isSettingKey(candidate)).toBe(false);
    }
  });
});
