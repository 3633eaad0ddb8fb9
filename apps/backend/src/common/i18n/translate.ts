import { cs } from './cs.js';
import { en, type MessageCatalog, type MessageKey } from './en.js';

export const languages = ['cs', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'en';

export type MessageParams = Readonly<Record<string, string | number | bigint | boolean>>;

const catalogs: Readonly<Record<Language, MessageCatalog>> = { cs, en };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

/** Fills `{name}` placeholders; a placeholder without a parameter stays visible rather than vanishing. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

/** An absent, empty or `*` Accept-Language: the caller leaves the language to us. */
export function statesNoLanguagePreference(
  header: string | readonly string[] | undefined,
): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  return typeof value !== 'string' || value.trim() === '' || value.trim() === '*';
}

/**
 * Picks cs or en from an Accept-Language header by quality value (RFC 9110 §12.5.4); `cs-CZ`
 * counts as `cs`, a wildcard as the default. Anything unusable gives the default language.
 */
export function negotiateLanguage(header: string | readonly string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (typeof value !== 'string' || value.trim() === '') return defaultLanguage;
  let best: { language: Language; quality: number } | undefined;
  for (const part of value.split(',')) {
    const [rawTag = '', ...rawParams] = part.trim().split(';');
    const tag = rawTag.trim().toLowerCase();
    const qParam = rawParams.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const quality = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(quality) || quality <= 0 || quality > 1) continue;
    const primary = tag.split('-')[0];
    const language = tag === '*' ? defaultLanguage : languages.find((l) => l === primary);
    if (language === undefined) continue;
    // Equal qualities keep the first listed, as the client ordered them.
    if (best === undefined || quality > best.quality) best = { language, quality };
  }
  return best?.language ?? defaultLanguage;
}
