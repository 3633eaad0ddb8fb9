import { applyTheme, defaultBrand, sanitizeTheme } from '../src/root/brand.js';
import {
  claimedTenant,
  readCachedBranding,
  writeCachedBranding,
} from '../src/root/partnerBranding.js';
import { memoryStorage } from '../src/providers/sessionStore.js';

describe('white-label brand', () => {
  it('is ours when a partner gives nothing', () => {
    expect(applyTheme(defaultBrand, undefined)).toEqual(defaultBrand);
    expect(applyTheme(defaultBrand, {})).toEqual(defaultBrand);
  });

  it('takes the partner fields one by one, colour by colour, and keeps ours for the rest', () => {
    const brand = applyTheme(defaultBrand, {
      productName: 'Contoso Desk',
      logo: '/branding/contoso.svg',
      colors: { light: { primary: '#aa0000' } },
      defaultLanguage: 'en',
    });
    expect(brand.productName).toBe('Contoso Desk');
    expect(brand.logo).toBe('/branding/contoso.svg');
    expect(brand.favicon).toBe(defaultBrand.favicon);
    expect(brand.colors).toEqual({
      light: { primary: '#aa0000', secondary: defaultBrand.colors.light.secondary },
      dark: defaultBrand.colors.dark,
    });
    expect(brand.defaultLanguage).toBe('en');
  });

  it('ships defaults that need no other origin', () => {
    expect(defaultBrand.logo.startsWith('data:image/svg+xml,')).toBe(true);
    expect(defaultBrand.favicon.startsWith('data:image/svg+xml,')).toBe(true);
  });
});

describe('a served theme', () => {
  it('keeps every well-formed field', () => {
    const theme = {
      productName: 'Northwind Desk',
      logo: 'data:image/png;base64,iVBORw0KGgo=',
      favicon: '/branding/northwind.ico',
      colors: { light: { primary: '#6d4c41', secondary: '#b3261e' }, dark: { primary: '#d7ccc8' } },
      supportUrl: 'mailto:help@northwind.example',
      defaultLanguage: 'en',
    };
    expect(sanitizeTheme(theme)).toEqual(theme);
  });

  it('drops what would load from elsewhere or is not what it claims, instead of breaking the panel', () => {
    expect(
      sanitizeTheme({
        productName: 42,
        logo: 'https://cdn.example/logo.png',
        favicon: '//cdn.example/icon.ico',
        colors: { light: { primary: 'brown', secondary: '#b3261e' }, dark: 'dark' },
        supportUrl: 'javascript:alert(1)',
        defaultLanguage: 'de',
        extra: true,
      }),
    ).toEqual({ colors: { light: { secondary: '#b3261e' } } });
    expect(sanitizeTheme(null)).toEqual({});
    expect(sanitizeTheme('theme')).toEqual({});
  });
});

describe('the remembered theme', () => {
  const branding = { partnerId: 'northwind', theme: { productName: 'Northwind Desk' } };
  const token = (payload: object) =>
    `e30.${btoa(JSON.stringify(payload)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

  it('reads the tenant a host token names (unverified, for the first paint only)', () => {
    expect(claimedTenant(token({ tid: '101', sub: 'u' }))).toBe('101');
    expect(claimedTenant(token({ sub: 'u' }))).toBeUndefined();
    expect(claimedTenant('not-a-token')).toBeUndefined();
    expect(claimedTenant('a.%%%.c')).toBeUndefined();
  });

  it("is only this tenant's when the tenant is known, and the last one's when it is not", () => {
    const storage = memoryStorage();
    expect(readCachedBranding(storage, undefined)).toBeUndefined();
    writeCachedBranding(storage, '101', branding);
    expect(readCachedBranding(storage, '101')).toEqual(branding);
    expect(readCachedBranding(storage, '202')).toBeUndefined();
    expect(readCachedBranding(storage, undefined)).toEqual(branding);
    storage.setItem('sb.branding', '{not json');
    expect(readCachedBranding(storage, '101')).toBeUndefined();
  });
});
