import { cs } from '../src/i18n/cs.js';
import { en } from '../src/i18n/en.js';
import { initialLocale } from '../src/i18n/i18nProvider.js';

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    leafKeys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('admin translations', () => {
  it('have a Czech message for every English key, react-admin keys included', () => {
    const czech = new Set(leafKeys(cs));
    const missing = leafKeys(en).filter((key) => !czech.has(key));
    expect(missing).toEqual([]);
  });

  it('have no Czech message that English lacks', () => {
    const english = new Set(leafKeys(en));
    expect(leafKeys(cs).filter((key) => !english.has(key))).toEqual([]);
  });

  it('translate the keys react-admin 5.15 added after ra-language-czech 5.7', () => {
    expect(cs.ra.action.reset).toBe('Obnovit');
    expect(cs.ra.notification.offline).toMatch(/připojení/);
  });

  it('start in Czech unless the host asks for English', () => {
    expect(initialLocale('')).toBe('cs');
    expect(initialLocale('?lang=en')).toBe('en');
    expect(initialLocale('?lang=de')).toBe('cs');
  });
});
