import { lintSettings } from './lint.js';
import { type SettingValues, defaultValues } from './registry.js';

const withValues = (patch: Partial<SettingValues>): SettingValues => ({
  ...defaultValues(),
  ...patch,
});

const offlineHours: SettingValues['chat.offlineCallback'] = {
  enabled: true,
  timeZone: 'Europe/Prague',
  weeklyHours: {
    mon: [{ start: '08:00', end: '16:00' }],
    tue: [],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  },
  exceptions: [],
};

describe('lintSettings', () => {
  it('finds nothing to warn about in the defaults', () => {
    expect(
      lintSettings(defaultValues(), { packageAlwaysOffline: true, hostCallerIds: [] }),
    ).toEqual([]);
  });

  it('warns about offline callback hours on an always-offline package', () => {
    const values = withValues({ 'chat.offlineCallback': offlineHours });
    expect(lintSettings(values)).toEqual([]);
    expect(lintSettings(values, { packageAlwaysOffline: false })).toEqual([]);
    expect(lintSettings(values, { packageAlwaysOffline: true })).toEqual([
      {
        code: 'offline_callback_package_offline',
        path: 'chat.offlineCallback',
        keys: ['chat.offlineCallback'],
        messageKey: 'settings.lint.offline_callback_package_offline',
      },
    ]);
  });

  it('warns about allowed caller IDs the host does not have', () => {
    const values = withValues({
      'phone.callerIdSelection': {
        enabled: true,
        allowedNumbers: ['+420800123456', '+420222333444'],
        defaultNumber: '+420800123456',
      },
    });
    expect(lintSettings(values, { hostCallerIds: ['+420800123456'] })).toEqual([
      {
        code: 'caller_id_not_on_host',
        path: 'phone.callerIdSelection.allowedNumbers.1',
        keys: ['phone.callerIdSelection'],
        messageKey: 'settings.lint.caller_id_not_on_host',
        params: { number: '+420222333444' },
      },
    ]);
    expect(lintSettings(values)).toEqual([]);
  });

  it('warns when deleted files would show in client history', () => {
    const values = withValues({ 'chat.deleteFilesAfterSession': true, 'chat.clientHistory': true });
    expect(lintSettings(values).map((w) => [w.code, w.keys])).toEqual([
      ['deleted_files_in_history', ['chat.deleteFilesAfterSession', 'chat.clientHistory']],
    ]);
    expect(lintSettings(withValues({ 'chat.deleteFilesAfterSession': true }))).toEqual([]);
  });

  it('warns about file limits that have no effect', () => {
    expect(
      lintSettings(withValues({ 'chat.clientFileSending': { enabled: false, maxSizeMb: 5 } })).map(
        (w) => w.code,
      ),
    ).toEqual(['file_limits_while_disabled']);
    expect(
      lintSettings(withValues({ 'chat.clientFileSending': { enabled: true, maxSizeMb: 5 } })),
    ).toEqual([]);
  });
});
