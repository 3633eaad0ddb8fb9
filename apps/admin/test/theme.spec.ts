import { defaultTheme } from 'react-admin';
import { mergeBrand } from '../src/root/brand.js';
import { themeFor } from '../src/root/theme.js';

describe('the brand theme', () => {
  const brand = mergeBrand({ colors: { primary: '#6d4c41', secondary: '#b3261e' } });
  const theme = themeFor(brand);

  it('takes both brand colours', () => {
    expect(theme.palette?.primary).toEqual({ main: '#6d4c41' });
    expect(theme.palette?.secondary).toEqual({ main: '#b3261e' });
  });

  it('paints the app bar in the primary colour, keeping react-admin component defaults', () => {
    expect(theme.components?.RaAppBar?.defaultProps?.color).toBe('primary');
    expect(theme.components?.MuiTextField).toBe(defaultTheme.components?.MuiTextField);
    expect(theme.palette?.background).toBe(defaultTheme.palette?.background);
  });
});
