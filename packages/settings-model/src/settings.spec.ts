import { defaultValues } from './registry.js';
import { fromSettings, toSettings } from './settings.js';

describe('nested Settings', () => {
  it('groups values by area under their short names', () => {
    const settings = toSettings(defaultValues());
    expect(Object.keys(settings)).toEqual(['general', 'phone', 'chat', 'email']);
    expect(settings.chat.statusWhenAllAway).toBe('busy');
    expect(settings.phone.callerIdSelection.enabled).toBe(false);
    expect(settings.email.queueOrder).toBe('newest');
    expect(Object.keys(settings.general)).toEqual([
      'waitingClientPreview',
      'showRoutedOperators',
      'operatorsMayBan',
      'autoAnonymization',
    ]);
  });

  it('converts back to the flat values unchanged', () => {
    const values = { ...defaultValues(), 'chat.clientDisconnectGrace': 120 };
    expect(fromSettings(toSettings(values))).toEqual(values);
  });
});
