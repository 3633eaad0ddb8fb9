import { createContext, useContext } from 'react';
import { defaultBrand, type Brand } from './brand.js';

export const BrandContext = createContext<Brand>(defaultBrand);

export const useBrand = (): Brand => useContext(BrandContext);
