import polyglotI18nProvider from 'ra-i18n-polyglot';
import { cs } from '../../src/i18n/cs.js';
import { en } from '../../src/i18n/en.js';
import type { Translate } from '../../src/settings/settingsDraft.js';

/** The panel's real catalogs behind polyglot, as react-admin's translate would use them. */
export function translatorFor(locale: 'cs' | 'en'): Translate {
  const provider = polyglotI18nProvider((l) => (l === 'en' ? en : cs), locale, [], {
    allowMissing: false,
    onMissingKey: (key: string) => {
      throw new Error(`missing translation ${key}`);
    },
  });
  return (key, options) => provider.translate(key, options);
}
