import { defaultTheme, type RaThemeOptions } from 'react-admin';
import type { Brand } from './brand.js';

/** react-admin's own theme with the brand's colours, so component overrides are kept. */
export const themeFor = (brand: Brand): RaThemeOptions => ({
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: brand.colors.primary },
    secondary: { main: brand.colors.secondary },
  },
  components: {
    ...defaultTheme.components,
    // react-admin paints its app bar in the secondary colour; a brand is known by its primary one.
    RaAppBar: { defaultProps: { color: 'primary' } },
  },
});
