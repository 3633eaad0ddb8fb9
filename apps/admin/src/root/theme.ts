import { type RaThemeOptions, defaultDarkTheme, defaultLightTheme } from 'react-admin';
import type { Brand } from './brand.js';
import { MIN_TEXT_CONTRAST, readableOn } from './contrast.js';

/**
 * The page colours brand colours are read against: react-admin's own backgrounds (the light one
 * is a shade darker than white, the dark one lighter than its paper, so both are the worst case).
 */
export const PAGE_BACKGROUND = { light: '#fafafb', dark: '#313131' } as const;

/**
 * react-admin's light or dark theme with the brand's colours, so component overrides are kept.
 * The colours are used as given when they read well on the page (they also colour links and text
 * buttons); a partner colour too pale or too dark is moved just far enough to reach WCAG AA, and
 * text on a coloured surface (the app bar, contained buttons) is chosen for AA as well.
 */
export const themeFor = (brand: Brand, mode: 'light' | 'dark'): RaThemeOptions => {
  const base = mode === 'light' ? defaultLightTheme : defaultDarkTheme;
  const colours = brand.colors[mode];
  const page = PAGE_BACKGROUND[mode];
  return {
    ...base,
    palette: {
      ...base.palette,
      mode,
      contrastThreshold: MIN_TEXT_CONTRAST,
      primary: { main: readableOn(colours.primary, page) },
      secondary: { main: readableOn(colours.secondary, page) },
    },
    components: {
      ...base.components,
      // react-admin paints its app bar in the secondary colour; a brand is known by its primary one.
      RaAppBar: { defaultProps: { color: 'primary' } },
    },
  };
};
