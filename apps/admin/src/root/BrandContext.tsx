import { createContext, useContext } from 'react';
import { defaultBrand, type Brand } from './brand.js';

export interface BrandState {
  brand: Brand;
  /** The partner whose theme is in effect; null for the shell's own brand. */
  partnerId: string | null;
}

export const BrandContext = createContext<BrandState>({ brand: defaultBrand, partnerId: null });

export const useBrand = (): Brand => useContext(BrandContext).brand;

export const useBrandState = (): BrandState => useContext(BrandContext);
