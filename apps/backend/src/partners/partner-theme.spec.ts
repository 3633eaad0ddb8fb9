import { partnerIdSchema, partnerThemeSchema } from './partner-theme.js';

const logo = (url: string) => partnerThemeSchema.safeParse({ logo: url }).success;

describe('a partner theme', () => {
  it('takes images only as data: URLs or paths on the backend origin', () => {
    expect(logo('data:image/svg+xml,%3Csvg%2F%3E')).toBe(true);
    expect(logo('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(logo('/branding/northwind.svg')).toBe(true);
    expect(logo('//cdn.example/logo.svg')).toBe(false);
    expect(logo('https://cdn.example/logo.svg')).toBe(false);
    expect(logo('/\\cdn.example/logo.svg')).toBe(false);
    expect(logo('data:text/html,<script>1</script>')).toBe(false);
    expect(logo('javascript:alert(1)')).toBe(false);
    expect(logo(`data:image/png;base64,${'A'.repeat(140_000)}`)).toBe(false);
  });

  it('may be as small as a product name; colours are #rrggbb, help links https: or mailto:', () => {
    expect(partnerThemeSchema.parse({ productName: ' Desk ' })).toEqual({ productName: 'Desk' });
    expect(partnerThemeSchema.safeParse({ colors: { dark: { primary: '#D7CCC8' } } }).success).toBe(
      true,
    );
    expect(partnerThemeSchema.safeParse({ colors: { light: { primary: '#abc' } } }).success).toBe(
      false,
    );
    expect(partnerThemeSchema.safeParse({ supportUrl: 'mailto:help@x.example' }).success).toBe(
      true,
    );
    expect(partnerThemeSchema.safeParse({ supportUrl: 'http://x.example' }).success).toBe(false);
  });

  it('has a URL-safe id', () => {
    for (const id of ['northwind', 'a', 'north-wind-2']) {
      expect(partnerIdSchema.safeParse(id).success).toBe(true);
    }
    for (const id of ['', '-north', 'north-', 'North', 'north_wind', 'x'.repeat(41)]) {
      expect(partnerIdSchema.safeParse(id).success).toBe(false);
    }
  });
});
