import {
  defaultBrand,
  examplePartnerBrands,
  mergeBrand,
  pickBrandId,
  resolveBrand,
} from '../src/root/brand.js';

describe('white-label brand', () => {
  it('is ours when a partner gives nothing', () => {
    expect(mergeBrand(undefined)).toEqual(defaultBrand);
  });

  it('takes the partner name, logo and one colour and keeps our other colour', () => {
    const brand = mergeBrand({
      productName: 'Contoso Desk',
      logoUrl: '/logo.svg',
      colors: { primary: '#aa0000' },
    });
    expect(brand.productName).toBe('Contoso Desk');
    expect(brand.logoUrl).toBe('/logo.svg');
    expect(brand.colors).toEqual({ primary: '#aa0000', secondary: defaultBrand.colors.secondary });
  });
});

describe('partner presets', () => {
  const brands = {
    acme: { productName: 'Acme Help', colors: { primary: '#111111' } },
  };

  it('pick a known partner by id and ignore unknown ones', () => {
    expect(pickBrandId(brands, 'acme')).toBe('acme');
    expect(pickBrandId(brands, 'nope')).toBeUndefined();
    expect(pickBrandId(brands, null)).toBeUndefined();
    expect(pickBrandId(brands, 'toString')).toBeUndefined();
  });

  it('lay the partner preset over the installation brand over ours', () => {
    const base = { productName: 'Helpdesk Plus', colors: { secondary: '#222222' } };
    expect(resolveBrand(base, brands, undefined)).toMatchObject({
      productName: 'Helpdesk Plus',
      colors: { primary: defaultBrand.colors.primary, secondary: '#222222' },
    });
    expect(resolveBrand(base, brands, 'acme')).toMatchObject({
      productName: 'Acme Help',
      colors: { primary: '#111111', secondary: '#222222' },
      logoUrl: defaultBrand.logoUrl,
    });
  });

  it('ship an example partner whose logo needs no other origin', () => {
    const northwind = resolveBrand(undefined, examplePartnerBrands, 'northwind');
    expect(northwind.productName).toBe('Northwind Desk');
    expect(northwind.logoUrl?.startsWith('data:image/svg+xml,')).toBe(true);
    expect(defaultBrand.logoUrl?.startsWith('data:image/svg+xml,')).toBe(true);
  });
});
