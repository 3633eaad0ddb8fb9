/** What a partner may change when white-labelling the panel; everything else stays ours. */
export interface Brand {
  productName: string;
  logoUrl?: string;
  colors: { primary: string; secondary: string };
}

export const defaultBrand: Brand = {
  productName: 'Switchboard',
  colors: { primary: '#1f5fbf', secondary: '#0e7a6d' },
};

export type BrandOverrides = Partial<Omit<Brand, 'colors'>> & { colors?: Partial<Brand['colors']> };

/** A partner's brand overrides ours field by field. */
export function mergeBrand(partner: BrandOverrides | undefined): Brand {
  return {
    ...defaultBrand,
    ...partner,
    colors: { ...defaultBrand.colors, ...partner?.colors },
  };
}
