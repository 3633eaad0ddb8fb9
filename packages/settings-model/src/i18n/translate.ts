import { cs } from './cs.js';
import { en } from './en.js';

export type Locale = 'cs' | 'en';

export const LOCALES: readonly Locale[] = ['cs', 'en'];

export const messages: Record<Locale, Record<string, string>> = { cs, en };

const PLACEHOLDER = /%\{(\w+)\}/g;

// Own properties only: a key such as `constructor` must not resolve to Object.prototype members.
function lookup(dictionary: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(dictionary, key) ? dictionary[key] : undefined;
}

/**
 * Looks a key up in `locale`, then in English, then returns the key itself, so a missing message
 * shows something searchable instead of an empty string. `%{name}` placeholders are filled from
 * `params`; unknown placeholders are left as they are.
 */
export function translate(
  locale: Locale,
  key: string,
  params?: Record<string, string | number>,
): string {
  const template = lookup(messages[locale], key) ?? lookup(messages.en, key) ?? key;
  if (!params) return template;
  return template.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}
