import polyglotI18nProvider from 'ra-i18n-polyglot';
import { cs } from './cs.js';
import { en } from './en.js';

export const locales = [
  { locale: 'cs', name: 'Čeština' },
  { locale: 'en', name: 'English' },
] as const;

export type AdminLocale = (typeof locales)[number]['locale'];

const catalogs: Record<AdminLocale, typeof cs> = { cs, en };

export const isAdminLocale = (value: unknown): value is AdminLocale =>
  value === 'cs' || value === 'en';

/**
 * The language the panel opens in: the host's (`?lang=`, its user's UI language), else the one
 * the user last chose here (react-admin's store), else the brand's default.
 */
export function startLocale(options: {
  hostLanguage: string | null;
  remembered: unknown;
  brandDefault: AdminLocale;
}): AdminLocale {
  if (isAdminLocale(options.hostLanguage)) return options.hostLanguage;
  if (isAdminLocale(options.remembered)) return options.remembered;
  return options.brandDefault;
}

/** The BCP 47 tag dates and numbers are formatted with (English as written in Europe: 24-hour, d/m/y). */
export const formatLocaleOf = (locale: string): string => (locale === 'en' ? 'en-GB' : 'cs-CZ');

export const createI18nProvider = (locale: AdminLocale) =>
  polyglotI18nProvider((l) => catalogs[l as AdminLocale] ?? cs, locale, [...locales], {
    allowMissing: false,
  });
