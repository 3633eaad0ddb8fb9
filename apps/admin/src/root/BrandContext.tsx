import { createContext, useContext } from 'react';
import { defaultBrand, type Brand } from './brand.js';

export interface BrandState {
  brand: Brand;
  /** The partner preset in effect; undefined for the base brand. */
  brandId: string | undefined;
  brandIds: readonly string[];
  setBrandId: (id: string | undefined) => void;
}

export const BrandContext = createContext<BrandState>({
  brand: defaultBrand,
  brandId: undefined,
  brandIds: [],
  setBrandId: () => undefined,
});

export const useBrand = (): Brand => useContext(BrandContext).brand;

export const useBrandState = (): BrandState => useContext(BrandContext);
