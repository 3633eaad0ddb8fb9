import { defaultBrand, mergeBrand } from '../src/root/brand.js';

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
