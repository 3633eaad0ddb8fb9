import HistoryIcon from '@mui/icons-material/History';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { CATEGORIES } from '@switchboard/settings-model';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Admin, Authenticated, CustomRoutes, Resource, localStorageStore } from 'react-admin';
import { Route, RouterProvider, createHashRouter } from 'react-router';
import { Dashboard } from '../dashboard/Dashboard.js';
import { createI18nProvider, initialLocale } from '../i18n/i18nProvider.js';
import { ApiClient } from '../providers/apiClient.js';
import { ApiContext } from '../providers/ApiContext.js';
import { createAuthProvider } from '../providers/authProvider.js';
import { createDataProvider } from '../providers/dataProvider.js';
import { SessionStore, memoryStorage } from '../providers/sessionStore.js';
import { SettingsApi } from '../providers/settingsApi.js';
import { SettingsDraftProvider } from '../settings/SettingsDraftContext.js';
import { type BrandOverrides, examplePartnerBrands, pickBrandId, resolveBrand } from './brand.js';
import { BrandContext, type BrandState, useBrandState } from './BrandContext.js';
import {
  AuditListScreen,
  PackagesScreen,
  RevisionListScreen,
  RevisionShowScreen,
  SettingsCategoryScreen,
} from './lazyPages.js';
import { SessionEndedPage } from './SessionEndedPage.js';
import { SwitchboardLayout } from './SwitchboardLayout.js';
import { themeFor } from './theme.js';

export interface SwitchboardProps {
  /** The installation's own brand (product name, logo, colours, support link). */
  brand?: BrandOverrides;
  /** Partner themes selectable at run time by `?brand=<id>` or the app-bar switcher. */
  brands?: Readonly<Record<string, BrandOverrides>>;
  /** Where the API lives; same-origin `/api` by default. */
  apiUrl?: string;
}

const sessionStorageOrMemory = () => {
  try {
    return window.sessionStorage;
  } catch {
    // Some browsers refuse storage to a sandboxed iframe; the session then lasts one page load.
    return memoryStorage();
  }
};

/** Remembers the chosen brand in the address, so a reload keeps it. */
function writeBrandToUrl(brandId: string | undefined) {
  const url = new URL(window.location.href);
  if (brandId === undefined) url.searchParams.delete('brand');
  else url.searchParams.set('brand', brandId);
  window.history.replaceState(window.history.state, '', url.toString());
}

type PanelProviders = ReturnType<typeof createProviders>;

const ProvidersContext = createContext<PanelProviders | null>(null);

function createProviders(apiUrl: string | undefined) {
  const lang = new URLSearchParams(window.location.search).get('lang');
  const store = localStorageStore(undefined, 'switchboard');
  // The host says which language its user works in: that wins over the one remembered.
  if (lang === 'cs' || lang === 'en') store.setItem('locale', lang);
  const i18nProvider = createI18nProvider(initialLocale(window.location.search));
  const session = new SessionStore(sessionStorageOrMemory());
  const client = new ApiClient({
    ...(apiUrl ? { baseUrl: apiUrl } : {}),
    session,
    getLocale: () => i18nProvider.getLocale(),
  });
  return {
    store,
    i18nProvider,
    api: { client, settings: new SettingsApi(client) },
    authProvider: createAuthProvider({ client, session, browser: window }),
    dataProvider: createDataProvider(client),
  };
}

/** react-admin itself, configured from the shell's contexts (brand, providers). */
const SwitchboardAdmin = () => {
  const providers = useContext(ProvidersContext);
  const { brand } = useBrandState();
  const theme = useMemo(() => themeFor(brand), [brand]);
  if (!providers) throw new Error('SwitchboardAdmin renders inside <Switchboard>');
  return (
    <Admin
      disableTelemetry
      // Not `requireAuth`: with it, react-admin 5.15 keeps remounting its routes after the redirect
      // to the login (session-ended) page. Pages check auth themselves (lists, <Authenticated>).
      title={brand.productName}
      theme={theme}
      darkTheme={null}
      layout={SwitchboardLayout}
      loginPage={SessionEndedPage}
      dashboard={Dashboard}
      store={providers.store}
      authProvider={providers.authProvider}
      dataProvider={providers.dataProvider}
      i18nProvider={providers.i18nProvider}
    >
      <Resource
        name="revisions"
        list={RevisionListScreen}
        show={RevisionShowScreen}
        icon={HistoryIcon}
        options={{ label: 'switchboard.history.title' }}
      />
      <Resource
        name="audit"
        list={AuditListScreen}
        icon={ReceiptLongIcon}
        options={{ label: 'switchboard.audit.title' }}
      />
      <CustomRoutes>
        {CATEGORIES.map((category) => (
          <Route
            key={category}
            path={`/settings/${category}`}
            element={
              <Authenticated>
                <SettingsCategoryScreen category={category} />
              </Authenticated>
            }
          />
        ))}
        {['/packages', '/packages/:packageId'].map((path) => (
          <Route
            key={path}
            path={path}
            element={
              <Authenticated>
                <PackagesScreen />
              </Authenticated>
            }
          />
        ))}
      </CustomRoutes>
    </Admin>
  );
};

/** The white-label shell: partners configure it through props, never fork it. */
export const Switchboard = ({ brand, brands = examplePartnerBrands, apiUrl }: SwitchboardProps) => {
  const [brandId, setBrandIdState] = useState(() =>
    pickBrandId(brands, new URLSearchParams(window.location.search).get('brand')),
  );
  const setBrandId = useCallback((id: string | undefined) => {
    setBrandIdState(id);
    writeBrandToUrl(id);
  }, []);
  const merged = useMemo(() => resolveBrand(brand, brands, brandId), [brand, brands, brandId]);
  const brandState = useMemo<BrandState>(
    () => ({ brand: merged, brandId, brandIds: Object.keys(brands), setBrandId }),
    [merged, brandId, brands, setBrandId],
  );

  const providers = useMemo(() => createProviders(apiUrl), [apiUrl]);

  useEffect(() => {
    document.title = merged.productName;
  }, [merged.productName]);

  // One router for the panel's lifetime. react-admin would create its own hash router on each of
  // its renders, and a navigation made by a replaced router (the redirect to the session-ended
  // page) would be lost; the admin inside reads everything else from context, so it re-renders
  // on a brand switch without a new router.
  const [router] = useState(() => createHashRouter([{ path: '*', element: <SwitchboardAdmin /> }]));

  return (
    <BrandContext.Provider value={brandState}>
      <ApiContext.Provider value={providers.api}>
        <ProvidersContext.Provider value={providers}>
          <SettingsDraftProvider>
            <RouterProvider router={router} />
          </SettingsDraftProvider>
        </ProvidersContext.Provider>
      </ApiContext.Provider>
    </BrandContext.Provider>
  );
};
