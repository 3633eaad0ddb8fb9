import polyglotI18nProvider from 'ra-i18n-polyglot';
import { cs } from './cs.js';
import { en } from './en.js';

export const locales = [
  { locale: 'cs', name: 'Čeština' },
  { locale: 'en', name: 'English' },
] as const;

export type AdminLocale = (typeof locales)[number]['locale'];

const catalogs: Record<AdminLocale, typeof cs> = { cs, en };

/** `?lang=en` in the URL (the host passes its UI language) wins over the Czech default. */
export function initialLocale(search: string): AdminLocale {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'en' ? 'en' : 'cs';
}

export const createI18nProvider = (locale: AdminLocale) =>
  polyglotI18nProvider((l) => catalogs[l as AdminLocale] ?? cs, locale, [...locales], {
    allowMissing: false,
  });
