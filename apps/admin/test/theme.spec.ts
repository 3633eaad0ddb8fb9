import { defaultDarkTheme, defaultLightTheme } from 'react-admin';
import { applyTheme, defaultBrand } from '../src/root/brand.js';
import { contrastRatio, readableOn } from '../src/root/contrast.js';
import { PAGE_BACKGROUND, themeFor } from '../src/root/theme.js';

const main = (colour: unknown): string => (colour as { main: string }).main;

describe('the brand theme', () => {
  const brand = applyTheme(defaultBrand, {
    colors: {
      light: { primary: '#6d4c41', secondary: '#b3261e' },
      dark: { primary: '#d7ccc8', secondary: '#ffb4ab' },
    },
  });

  it('takes both brand colours of each mode as given when they read well', () => {
    expect(main(themeFor(brand, 'light').palette?.primary)).toBe('#6d4c41');
    expect(main(themeFor(brand, 'light').palette?.secondary)).toBe('#b3261e');
    expect(main(themeFor(brand, 'dark').palette?.primary)).toBe('#d7ccc8');
    expect(themeFor(brand, 'dark').palette?.mode).toBe('dark');
  });

  it('paints the app bar in the primary colour, keeping react-admin component defaults', () => {
    const light = themeFor(brand, 'light');
    expect(light.components?.RaAppBar?.defaultProps?.color).toBe('primary');
    expect(light.components?.MuiTextField).toBe(defaultLightTheme.components?.MuiTextField);
    expect(light.palette?.background).toBe(defaultLightTheme.palette?.background);
    expect(themeFor(brand, 'dark').palette?.background).toBe(defaultDarkTheme.palette?.background);
  });

  it('moves a partner colour that would be hard to read just far enough for WCAG AA', () => {
    const pale = applyTheme(defaultBrand, {
      colors: { light: { primary: '#ffd54f' }, dark: { primary: '#1a237e' } },
    });
    const light = main(themeFor(pale, 'light').palette?.primary);
    const dark = main(themeFor(pale, 'dark').palette?.primary);
    expect(light).not.toBe('#ffd54f');
    expect(contrastRatio(light, PAGE_BACKGROUND.light)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark, PAGE_BACKGROUND.dark)).toBeGreaterThanOrEqual(4.5);
    // Still the partner's hue, darkened: red stays the strongest channel of a yellow.
    expect(Number.parseInt(light.slice(1, 3), 16)).toBeGreaterThan(
      Number.parseInt(light.slice(5, 7), 16),
    );
    expect(themeFor(pale, 'light').palette?.contrastThreshold).toBe(4.5);
  });

  it('computes contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(readableOn('#000000', '#ffffff')).toBe('#000000');
    for (const colour of ['#ffffff', '#ffff00', '#00ffff', '#777777']) {
      expect(contrastRatio(readableOn(colour, '#fafafb'), '#fafafb')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(readableOn(colour, '#313131'), '#313131')).toBeGreaterThanOrEqual(4.5);
    }
  });
});
