import type { AdminLocale } from '../i18n/i18nProvider.js';

export interface Palette {
  primary: string;
  secondary: string;
}

/** What a partner may change when white-labelling the panel; everything else stays ours. */
export interface Brand {
  productName: string;
  /** Shown in the app bar; a data: URL or a path on the backend's origin (no third-party hosts). */
  logo: string;
  /** The browser tab's icon; same rules as the logo. */
  favicon: string;
  colors: { light: Palette; dark: Palette };
  /** Where "Help" points users of this brand (https: or mailto:); no help button without one. */
  supportUrl?: string | undefined;
  /** The panel's language when neither the host (`?lang=`) nor the user chose one. */
  defaultLanguage: AdminLocale;
}

/**
 * A partner theme as the backend serves it (`GET /api/branding`): every field optional, laid over
 * the shell's props field by field. docs/examples/partner-theme.json is a complete example.
 */
export interface PartnerTheme {
  productName?: string;
  logo?: string;
  favicon?: string;
  colors?: { light?: Partial<Palette>; dark?: Partial<Palette> };
  supportUrl?: string;
  defaultLanguage?: AdminLocale;
}

const svg = (markup: string): string => `data:image/svg+xml,${encodeURIComponent(markup)}`;

const switchboardLogo = svg(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#ffffff"/><path d="M8 10h16M8 16h10M8 22h16" stroke="#1f5fbf" stroke-width="3" stroke-linecap="round"/><circle cx="23" cy="16" r="3" fill="#0e7a6d"/></svg>',
);

const switchboardFavicon = svg(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f5fbf"/><path d="M8 10h16M8 16h10M8 22h16" stroke="#ffffff" stroke-width="3" stroke-linecap="round"/></svg>',
);

export const defaultBrand: Brand = {
  productName: 'Switchboard',
  logo: switchboardLogo,
  favicon: switchboardFavicon,
  colors: {
    light: { primary: '#1f5fbf', secondary: '#0e7a6d' },
    dark: { primary: '#90caf9', secondary: '#80cbc4' },
  },
  defaultLanguage: 'cs',
};

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const DATA_IMAGE =
  /^data:image\/(png|svg\+xml|webp|jpeg|gif|x-icon|vnd\.microsoft\.icon)(;base64)?,/;
const SAME_ORIGIN_PATH = /^\/(?!\/)[\w\-./%~]*$/;
const SUPPORT_URL = /^(https:\/\/|mailto:)/;

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

function palette(value: unknown): Partial<Palette> | undefined {
  const source = record(value);
  const result: Partial<Palette> = {};
  for (const name of ['primary', 'secondary'] as const) {
    const colour = source[name];
    if (isString(colour) && HEX_COLOUR.test(colour)) result[name] = colour;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * Keeps only the fields of a served theme that are of the right shape, so a bad value falls back
 * to the default instead of breaking the panel; images only from data: URLs or the backend's own
 * origin, so a theme can never make the panel load from elsewhere.
 */
export function sanitizeTheme(value: unknown): PartnerTheme {
  const source = record(value);
  const theme: PartnerTheme = {};
  if (isString(source['productName'])) theme.productName = source['productName'].slice(0, 60);
  for (const name of ['logo', 'favicon'] as const) {
    const url = source[name];
    if (isString(url) && (DATA_IMAGE.test(url) || SAME_ORIGIN_PATH.test(url))) theme[name] = url;
  }
  const colors = record(source['colors']);
  const light = palette(colors['light']);
  const dark = palette(colors['dark']);
  if (light || dark) theme.colors = { ...(light && { light }), ...(dark && { dark }) };
  const support = source['supportUrl'];
  if (isString(support) && SUPPORT_URL.test(support)) theme.supportUrl = support;
  const language = source['defaultLanguage'];
  if (language === 'cs' || language === 'en') theme.defaultLanguage = language;
  return theme;
}

/** The partner theme over a base brand, field by field (and colour by colour). */
export function applyTheme(base: Brand, theme: PartnerTheme | undefined): Brand {
  if (theme === undefined) return base;
  return {
    productName: theme.productName ?? base.productName,
    logo: theme.logo ?? base.logo,
    favicon: theme.favicon ?? base.favicon,
    colors: {
      light: { ...base.colors.light, ...theme.colors?.light },
      dark: { ...base.colors.dark, ...theme.colors?.dark },
    },
    supportUrl: theme.supportUrl ?? base.supportUrl,
    defaultLanguage: theme.defaultLanguage ?? base.defaultLanguage,
  };
}
