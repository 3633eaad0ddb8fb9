/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, screen } from '@testing-library/react';
import {
  type FieldUiHints,
  SETTING_KEYS,
  type SettingKey,
  settingsRegistry,
  translate,
  validate,
} from '@switchboard/settings-model';
import { asObject } from '../src/settings/objectValue.js';
import { SettingControl } from '../src/settings/SettingControl.js';
import { enabledTemplate, isSwitchable } from '../src/settings/templates.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

/** A value of the setting with every field visible: switched on, and each visibleWhen met. */
function everythingVisible(key: SettingKey): unknown {
  const definition = settingsRegistry[key];
  if (!definition.ui.fields) return definition.defaultValue;
  let value = asObject(
    isSwitchable(key) ? enabledTemplate(key) : structuredClone(definition.defaultValue),
  );
  for (const hint of Object.values(definition.ui.fields)) value = { ...value, ...hint.visibleWhen };
  return value;
}

const fieldsOf = (key: SettingKey): [string, FieldUiHints][] =>
  Object.entries(settingsRegistry[key].ui.fields ?? {});

afterEach(cleanup);

describe('forms generated from the settings registry', () => {
  it.each(SETTING_KEYS.map((key) => [key]))('render a control for every part of %s', (key) => {
    const definition = settingsRegistry[key];
    const value = everythingVisible(key);
    const onChange = jest.fn();
    const { container } = renderWithAdmin(
      <SettingControl
        settingKey={key}
        value={value}
        onChange={onChange}
        disabled={false}
        errors={{}}
      />,
    );
    const fields = fieldsOf(key);
    if (fields.length === 0) {
      // A scalar setting: one control, named by the setting's own label.
      const label = translate('en', definition.labelKey);
      expect(screen.getAllByText(label).length).toBeGreaterThan(0);
      for (const option of definition.ui.options ?? []) {
        expect(screen.getByRole('radio', { name: translate('en', option.labelKey) })).toBeTruthy();
      }
    }
    for (const [field, hint] of fields) {
      const label = translate('en', hint.labelKey);
      expect({ field, found: screen.queryAllByText(label).length > 0 }).toEqual({
        field,
        found: true,
      });
      // Every control of the setting is addressable by a stable id derived from its path.
      expect(
        container.querySelector(`[id^="setting-${key.replace('.', '-')}-${field}"]`),
      ).not.toBeNull();
      for (const option of hint.options ?? []) {
        if (hint.input === 'weekly-hours') continue;
        expect(screen.getAllByText(translate('en', option.labelKey)).length).toBeGreaterThan(0);
      }
    }
  });

  it('start from values the model accepts when a setting is switched on', () => {
    for (const key of SETTING_KEYS.filter(isSwitchable)) {
      expect({ key, ok: validate({ [key]: enabledTemplate(key) }).ok }).toEqual({ key, ok: true });
    }
  });

  it('show a model error under the field it belongs to, in the admin language', () => {
    renderWithAdmin(
      <SettingControl
        settingKey="chat.transcriptReplyTo"
        value={{ mode: 'company', companyAddress: 'x' }}
        onChange={jest.fn()}
        disabled={false}
        errors={{ 'chat.transcriptReplyTo.companyAddress': 'Neplatný formát' }}
      />,
      { locale: 'cs' },
    );
    const input = screen.getByLabelText(
      translate('cs', 'settings.chat.transcriptReplyTo.companyAddress.label'),
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Neplatný formát')).toBeTruthy();
  });

  it('keep hidden fields hidden until their condition holds', () => {
    renderWithAdmin(
      <SettingControl
        settingKey="chat.transcriptReplyTo"
        value={{ mode: 'operator' }}
        onChange={jest.fn()}
        disabled={false}
        errors={{}}
      />,
    );
    expect(
      screen.queryByText(translate('en', 'settings.chat.transcriptReplyTo.companyAddress.label')),
    ).toBeNull();
  });
});
