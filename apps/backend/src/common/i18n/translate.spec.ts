import { cs } from './cs.js';
import { en } from './en.js';
import { isMessageKey, negotiateLanguage, translate } from './translate.js';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['cs', 'cs'],
    ['cs-CZ', 'cs'],
    ['CS-cz,en;q=0.8', 'cs'],
    ['en-US,cs;q=0.9', 'en'],
    ['de-DE,cs;q=0.7,en;q=0.5', 'cs'],
    ['en;q=0.4,cs;q=0.6', 'cs'],
    ['de,fr', 'en'],
    ['*', 'en'],
    ['cs;q=0', 'en'],
    ['cs;q=abc,en;q=0.1', 'en'],
    ['sk', 'en'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it('keeps the client order between equal qualities', () => {
    expect(negotiateLanguage('cs, en')).toBe('cs');
    expect(negotiateLanguage('en, cs')).toBe('en');
  });

  it('reads a header given as several values', () => {
    expect(negotiateLanguage(['de', 'cs;q=0.5'])).toBe('cs');
  });
});

describe('message catalogs', () => {
  const placeholders = (text: string): string[] =>
    [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

  it('have the same keys in cs and en', () => {
    expect(Object.keys(cs).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en).filter(isMessageKey))(
    '%s uses the same placeholders in cs and en',
    (key) => {
      expect(placeholders(cs[key])).toEqual(placeholders(en[key]));
      expect(cs[key].trim()).not.toBe('');
    },
  );

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('cs', 'field.too_big.number', { maximum: 10 })).toBe('Může být nejvýše 10.');
    expect(translate('en', 'field.too_big.number')).toBe('Must be at most {maximum}.');
  });
});
