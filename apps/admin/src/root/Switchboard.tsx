import BlockIcon from '@mui/icons-material/Block';
import HistoryIcon from '@mui/icons-material/History';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { Box, LinearProgress } from '@mui/material';
import { CATEGORIES } from '@switchboard/settings-model';
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import {
  Admin,
  Authenticated,
  CustomRoutes,
  type I18nProvider,
  Resource,
  localStorageStore,
} from 'react-admin';
import { Route, RouterProvider, createHashRouter } from 'react-router';
import { type AdminLocale, createI18nProvider, startLocale } from '../i18n/i18nProvider.js';
import { ApiClient } from '../providers/apiClient.js';
import { ApiContext, createApi } from '../providers/ApiContext.js';
import { createAuthProvider } from '../providers/authProvider.js';
import { createDataProvider } from '../providers/dataProvider.js';
import { type KeyValueStorage, SessionStore, memoryStorage } from '../providers/sessionStore.js';
import { SettingsDraftProvider } from '../settings/SettingsDraftContext.js';
import { type Brand, type Palette, applyTheme, defaultBrand } from './brand.js';
import { BrandContext, type BrandState, useBrandState } from './BrandContext.js';
import {
  AnonymizationLedgerScreen,
  AnonymizationRunScreen,
  AnonymizationScreen,
  AuditListScreen,
  BansListScreen,
  JobsScreen,
  DashboardScreen,
  PackagesScreen,
  RevisionListScreen,
  RevisionShowScreen,
  SettingsCategoryScreen,
} from './lazyPages.js';
import { usePartnerBranding } from './partnerBranding.js';
import { SessionEndedPage } from './SessionEndedPage.js';
import { SwitchboardLayout } from './SwitchboardLayout.js';
import { themeFor } from './theme.js';

/**
 * The shell's own brand, each prop optional (defaults: Switchboard's). At run time the tenant's
 * partner theme from the backend is laid over these, so a partner brands the panel without a
 * rebuild; the props are for whoever builds and serves the panel.
 */
export interface SwitchboardProps {
  productName?: string;
  /** A data: URL or a path on the backend's origin. */
  logo?: string;
  /** A data: URL or a path on the backend's origin. */
  favicon?: string;
  lightColors?: Partial<Palette>;
  darkColors?: Partial<Palette>;
  /** https: or mailto:; without one the panel shows no help button. */
  supportUrl?: string;
  /** When neither the host nor the user picked a language. */
  defaultLanguage?: AdminLocale;
  /** Where the API lives; same-origin `/api` by default. */
  apiUrl?: string;
  /** Load the tenant's partner theme from the backend (on by default). */
  partnerTheme?: boolean;
}

function browserStorage(kind: 'sessionStorage' | 'localStorage'): KeyValueStorage {
  try {
    const storage = window[kind];
    // Touching it is what throws in a sandboxed iframe without storage access.
    storage.getItem('switchboard');
    return storage;
  } catch {
    // The session (or the remembered theme) then lasts one page load.
    return memoryStorage();
  }
}

/** The host's `?lang=` (its user's UI language), taken out of the address once read. */
function takeHostLanguage(): string | null {
  const url = new URL(window.location.href);
  const lang = url.searchParams.get('lang');
  if (lang === null) return null;
  // Left in the address, it would undo the user's own language switch on every reload.
  url.searchParams.delete('lang');
  window.history.replaceState(window.history.state, '', url.toString());
  return lang;
}

type PanelCore = ReturnType<typeof createCore>;

/** What lives as long as the panel: storage, session, API client and react-admin providers. */
function createCore(apiUrl: string | undefined) {
  const store = localStorageStore(undefined, 'switchboard');
  const hostLanguage = takeHostLanguage();
  const language: { provider?: I18nProvider; fallback: AdminLocale } = { fallback: 'cs' };
  const session = new SessionStore(browserStorage('sessionStorage'));
  const client = new ApiClient({
    ...(apiUrl ? { baseUrl: apiUrl } : {}),
    session,
    getLocale: () => language.provider?.getLocale() ?? language.fallback,
  });
  return {
    store,
    session,
    client,
    themeStorage: browserStorage('localStorage'),
    api: createApi(client),
    authProvider: createAuthProvider({ client, session, browser: window }),
    dataProvider: createDataProvider(client),
    /** Created once the brand (and so its default language) is known. */
    i18nFor(brand: Brand): I18nProvider {
      if (language.provider) return language.provider;
      const locale = startLocale({
        hostLanguage,
        remembered: store.getItem('locale'),
        brandDefault: brand.defaultLanguage,
      });
      // The host's choice is remembered like the user's own, so it survives a reload.
      if (hostLanguage === locale) store.setItem('locale', locale);
      language.fallback = locale;
      language.provider = createI18nProvider(locale);
      return language.provider;
    },
  };
}

const CoreContext = createContext<{ core: PanelCore; i18nProvider: I18nProvider } | null>(null);

/** react-admin itself, configured from the shell's contexts (brand, providers). */
const SwitchboardAdmin = () => {
  const context = useContext(CoreContext);
  const { brand } = useBrandState();
  const light = useMemo(() => themeFor(brand, 'light'), [brand]);
  const dark = useMemo(() => themeFor(brand, 'dark'), [brand]);
  if (!context) throw new Error('SwitchboardAdmin renders inside <Switchboard>');
  const { core, i18nProvider } = context;
  return (
    <Admin
      disableTelemetry
      // Not `requireAuth`: with it, react-admin 5.15 keeps remounting its routes after the redirect
      // to the login (session-ended) page. Pages check auth themselves (lists, <Authenticated>).
      title={brand.productName}
      theme={light}
      darkTheme={dark}
      defaultTheme="light"
      layout={SwitchboardLayout}
      loginPage={SessionEndedPage}
      dashboard={DashboardScreen}
      store={core.store}
      authProvider={core.authProvider}
      dataProvider={core.dataProvider}
      i18nProvider={i18nProvider}
    >
      <Resource
        name="revisions"
        list={RevisionListScreen}
        show={RevisionShowScreen}
        icon={HistoryIcon}
        options={{ label: 'switchboard.history.title' }}
      />
      <Resource
        name="bans"
        list={BansListScreen}
        icon={BlockIcon}
        options={{ label: 'switchboard.bans.title' }}
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
        {(
          [
            ['/packages', <PackagesScreen key="packages" />],
            ['/packages/:packageId', <PackagesScreen key="packages" />],
            ['/anonymization', <AnonymizationScreen key="anonymization" />],
            ['/anonymization/runs/:runId', <AnonymizationRunScreen key="run" />],
            ['/anonymization/ledger', <AnonymizationLedgerScreen key="ledger" />],
            ['/jobs', <JobsScreen key="jobs" />],
          ] as const
        ).map(([path, screen]) => (
          <Route key={path} path={path} element={<Authenticated>{screen}</Authenticated>} />
        ))}
      </CustomRoutes>
    </Admin>
  );
};

/** Points the tab's icon at the brand's favicon. */
function showFavicon(href: string): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (link === null) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  if (link.getAttribute('href') !== href) link.href = href;
}

/** Shown only while the very first theme loads (none remembered): no brand rather than a wrong one. */
const BrandPending = () => (
  <Box sx={{ position: 'fixed', inset: 0 }}>
    <LinearProgress aria-label="Načítání… / Loading…" />
  </Box>
);

/** The white-label shell: partners brand it with a theme served at run time, never fork it. */
export const Switchboard = ({
  productName,
  logo,
  favicon,
  lightColors,
  darkColors,
  supportUrl,
  defaultLanguage,
  apiUrl,
  partnerTheme = true,
}: SwitchboardProps) => {
  const base = useMemo<Brand>(
    () => ({
      productName: productName ?? defaultBrand.productName,
      logo: logo ?? defaultBrand.logo,
      favicon: favicon ?? defaultBrand.favicon,
      colors: {
        light: { ...defaultBrand.colors.light, ...lightColors },
        dark: { ...defaultBrand.colors.dark, ...darkColors },
      },
      supportUrl,
      defaultLanguage: defaultLanguage ?? defaultBrand.defaultLanguage,
    }),
    [productName, logo, favicon, lightColors, darkColors, supportUrl, defaultLanguage],
  );
  const core = useMemo(() => createCore(apiUrl), [apiUrl]);
  const { branding, ready } = usePartnerBranding({
    client: core.client,
    session: core.session,
    storage: core.themeStorage,
    enabled: partnerTheme,
  });
  const brand = useMemo(() => applyTheme(base, branding?.theme), [base, branding]);
  const brandState = useMemo<BrandState>(
    () => ({ brand, partnerId: branding?.partnerId ?? null }),
    [brand, branding],
  );
  // Once, with the first brand known: a later theme's default language does not switch under the user.
  const i18nProvider = useMemo(
    () => (ready ? core.i18nFor(brand) : undefined),
    [ready, core, brand],
  );
  const coreContext = useMemo(
    () => (i18nProvider ? { core, i18nProvider } : null),
    [core, i18nProvider],
  );

  useEffect(() => {
    if (!ready) return;
    document.title = brand.productName;
    showFavicon(brand.favicon);
  }, [ready, brand.productName, brand.favicon]);

  // One router for the panel's lifetime. react-admin would create its own hash router on each of
  // its renders, and a navigation made by a replaced router (the redirect to the session-ended
  // page) would be lost; the admin inside reads everything else from context, so it re-renders
  // on a brand change without a new router.
  const [router] = useState(() => createHashRouter([{ path: '*', element: <SwitchboardAdmin /> }]));

  if (coreContext === null) return <BrandPending />;
  return (
    <BrandContext.Provider value={brandState}>
      <ApiContext.Provider value={core.api}>
        <CoreContext.Provider value={coreContext}>
          <SettingsDraftProvider>
            <RouterProvider router={router} />
          </SettingsDraftProvider>
        </CoreContext.Provider>
      </ApiContext.Provider>
    </BrandContext.Provider>
  );
};
