/** What a partner may change when white-labelling the panel; everything else stays ours. */
export interface Brand {
  productName: string;
  /** Shown in the app bar; a data: URL or a path on the backend's origin (no third-party hosts). */
  logoUrl?: string;
  colors: { primary: string; secondary: string };
  /** Where "help" points users of this brand. */
  supportUrl?: string;
}

const switchboardLogo =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#ffffff"/><path d="M8 10h16M8 16h10M8 22h16" stroke="#1f5fbf" stroke-width="3" stroke-linecap="round"/><circle cx="23" cy="16" r="3" fill="#0e7a6d"/></svg>',
  );

export const defaultBrand: Brand = {
  productName: 'Switchboard',
  logoUrl: switchboardLogo,
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

/**
 * An example partner theme (documented in the README): a partner passes its own map of these to
 * `<Switchboard brands={...} />`, and `?brand=<id>` or the app-bar switcher picks one at run time.
 */
export const examplePartnerBrands: Readonly<Record<string, BrandOverrides>> = {
  northwind: {
    productName: 'Northwind Desk',
    logoUrl:
      'data:image/svg+xml,' +
      encodeURIComponent(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#ffffff"/><path d="M16 4l5 12h-10z" fill="#b3261e"/><path d="M16 28l-5-12h10z" fill="#6d4c41"/></svg>',
      ),
    colors: { primary: '#6d4c41', secondary: '#b3261e' },
    supportUrl: 'mailto:support@northwind.example',
  },
};

/** The brand id in effect: the requested one if known, else none (our own brand). */
export function pickBrandId(
  brands: Readonly<Record<string, BrandOverrides>>,
  requested: string | null | undefined,
): string | undefined {
  return requested && Object.hasOwn(brands, requested) ? requested : undefined;
}

/** Base brand (props), then the chosen partner preset on top. */
export function resolveBrand(
  base: BrandOverrides | undefined,
  brands: Readonly<Record<string, BrandOverrides>>,
  brandId: string | undefined,
): Brand {
  const preset = brandId === undefined ? undefined : brands[brandId];
  return mergeBrand({
    ...base,
    ...preset,
    colors: { ...base?.colors, ...preset?.colors },
  });
}
