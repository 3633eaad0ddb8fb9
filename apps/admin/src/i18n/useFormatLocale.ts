import { useLocaleState } from 'react-admin';
import { formatLocaleOf } from './i18nProvider.js';

/** The panel language's formatting locale, for dates and numbers (`cs-CZ` or `en-GB`). */
export function useFormatLocale(): string {
  const [locale] = useLocaleState();
  return formatLocaleOf(locale);
}
