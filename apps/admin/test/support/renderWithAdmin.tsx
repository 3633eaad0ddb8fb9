import { render } from '@testing-library/react';
import './testingLibrary.js';
import type { ReactNode } from 'react';
import { AdminContext, TestMemoryRouter, memoryStore, type AuthProvider } from 'react-admin';
import { createI18nProvider } from '../../src/i18n/i18nProvider.js';
import { ApiClient } from '../../src/providers/apiClient.js';
import { ApiContext, createApi } from '../../src/providers/ApiContext.js';
import { createDataProvider } from '../../src/providers/dataProvider.js';
import { SessionStore, memoryStorage } from '../../src/providers/sessionStore.js';
import { SettingsDraftProvider } from '../../src/settings/SettingsDraftContext.js';

export interface RenderOptions {
  locale?: 'cs' | 'en';
  roles?: string[];
  fetch?: typeof globalThis.fetch;
  /** Where the router starts, e.g. '/packages/web'. */
  initialEntry?: string;
}

/** Renders panel components inside react-admin's contexts with the real catalogs. */
export function renderWithAdmin(
  ui: ReactNode,
  { locale = 'en', roles = ['admin'], fetch, initialEntry = '/' }: RenderOptions = {},
) {
  const i18nProvider = createI18nProvider(locale);
  const session = new SessionStore(memoryStorage());
  session.set({
    sessionToken: 'test-session',
    expiresAt: '2999-01-01T00:00:00Z',
    principal: { tenantId: 't1', userId: 'u1', userName: 'Test', roles: ['admin'], locale },
  });
  const client = new ApiClient({
    session,
    getLocale: () => i18nProvider.getLocale(),
    fetch: fetch ?? (() => Promise.reject(new Error('no fetch in this test'))),
  });
  const authProvider: AuthProvider = {
    login: () => Promise.resolve(),
    logout: () => Promise.resolve(),
    checkAuth: () => Promise.resolve(),
    checkError: () => Promise.resolve(),
    getPermissions: () => Promise.resolve(roles),
  };
  return render(
    <TestMemoryRouter initialEntries={[initialEntry]}>
      <SettingsDraftProvider>
        <AdminContext
          i18nProvider={i18nProvider}
          authProvider={authProvider}
          dataProvider={createDataProvider(client)}
          store={memoryStore()}
        >
          <ApiContext.Provider value={createApi(client)}>{ui}</ApiContext.Provider>
        </AdminContext>
      </SettingsDraftProvider>
    </TestMemoryRouter>,
  );
}
