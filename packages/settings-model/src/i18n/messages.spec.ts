import { type UiHints } from '../definition.js';
import { LINT_CODES } from '../lint.js';
import { SETTING_KEYS, areas, settingsRegistry } from '../registry.js';
import { ERROR_MESSAGE_KEYS } from '../schema/error-codes.js';
import { LOCALES, messages, translate } from './translate.js';

function uiKeys(ui: UiHints): string[] {
  const keys = (ui.options ?? []).map((option) => option.labelKey);
  keys.push(...(ui.durationUnits ?? []).map((unit) => `settings.units.${unit}`));
  for (const field of Object.values(ui.fields ?? {})) {
    keys.push(field.labelKey, ...(field.helpKey ? [field.helpKey] : []));
    keys.push(...(field.options ?? []).map((option) => option.labelKey));
    if (field.unit) keys.push(`settings.units.${field.unit}`);
  }
  return keys;
}

const placeholders = (message: string) =>
  [...message.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it.each(SETTING_KEYS)('%s has a Czech and an English label, help and UI texts', (key) => {
    const definition = settingsRegistry[key];
    const keys = [definition.labelKey, definition.helpKey, ...uiKeys(definition.ui)];
    if (definition.unit) keys.push(`settings.units.${definition.unit}`);
    for (const locale of LOCALES) {
      for (const messageKey of keys)
        expect([locale, messageKey, messages[locale][messageKey]?.trim()]).toEqual([
          locale,
          messageKey,
          expect.any(String),
        ]);
    }
  });

  it('follows the seed wording for the Czech labels', () => {
    expect(messages.cs['settings.chat.statusWhenAllAway.label']).toBe('Stav balíčku ve stavu Pryč');
    expect(messages.cs['settings.general.autoAnonymization.label']).toBe(
      'Automatická anonymizace sezení',
    );
    expect(messages.cs['settings.email.queueOrder.label']).toBe('Řazení a přiřazování e-mailů');
  });

  it('translates every area, error, lint warning and provenance', () => {
    const keys = [
      ...areas.map((area) => area.labelKey),
      ...ERROR_MESSAGE_KEYS,
      ...LINT_CODES.map((code) => `settings.lint.${code}`),
      'settings.provenance.default',
      'settings.provenance.tenant',
      'settings.provenance.package',
      'settings.entitlement.missing',
    ];
    for (const key of keys) {
      expect([key, messages.cs[key]]).toEqual([key, expect.stringMatching(/\S/)]);
      expect([key, messages.en[key]]).toEqual([key, expect.stringMatching(/\S/)]);
    }
  });

  it('has the same keys and placeholders in Czech and English', () => {
    expect(Object.keys(messages.cs).sort()).toEqual(Object.keys(messages.en).sort());
    for (const [key, english] of Object.entries(messages.en)) {
      expect([key, placeholders(messages.cs[key] ?? '')]).toEqual([key, placeholders(english)]);
    }
  });

  it('fills placeholders and falls back to English, then to the key', () => {
    expect(translate('cs', 'settings.errors.too_big.number', { maximum: 3600 })).toBe(
      'Hodnota smí být nejvýše 3600.',
    );
    expect(translate('en', 'settings.errors.too_big.number', { maximum: 3600 })).toBe(
      'Must be at most 3600.',
    );
    expect(translate('en', 'settings.errors.too_big.number')).toBe('Must be at most %{maximum}.');
    expect(translate('cs', 'settings.no.such.key')).toBe('settings.no.such.key');
    expect(translate('cs', 'constructor')).toBe('constructor');
    const original = messages.cs['settings.title'];
    delete messages.cs['settings.title'];
    try {
      expect(translate('cs', 'settings.title')).toBe('General settings');
    } finally {
      messages.cs['settings.title'] = original ?? '';
    }
  });
});
