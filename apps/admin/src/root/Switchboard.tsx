import { Admin } from 'react-admin';
import { Dashboard } from '../dashboard/Dashboard.js';
import { createI18nProvider, initialLocale } from '../i18n/i18nProvider.js';
import { createDataProvider } from '../providers/dataProvider.js';
import { type BrandOverrides, mergeBrand } from './brand.js';
import { BrandContext } from './BrandContext.js';
import { themeFor } from './theme.js';

export interface SwitchboardProps {
  brand?: BrandOverrides;
  apiUrl?: string;
}

/** The white-label shell: partners configure it through props, never fork it. */
export const Switchboard = ({ brand, apiUrl }: SwitchboardProps) => {
  const merged = mergeBrand(brand);
  return (
    <BrandContext.Provider value={merged}>
      <Admin
        disableTelemetry
        title={merged.productName}
        theme={themeFor(merged)}
        darkTheme={null}
        dashboard={Dashboard}
        dataProvider={createDataProvider(apiUrl)}
        i18nProvider={createI18nProvider(initialLocale(window.location.search))}
      />
    </BrandContext.Provider>
  );
};
