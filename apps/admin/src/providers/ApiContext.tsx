import { createContext, useContext } from 'react';
import { AnonymizationApi } from './anonymizationApi.js';
import type { ApiClient } from './apiClient.js';
import { SettingsApi } from './settingsApi.js';

export interface Api {
  client: ApiClient;
  settings: SettingsApi;
  anonymization: AnonymizationApi;
}

/** The typed API of every area, over one client. */
export const createApi = (client: ApiClient): Api => ({
  client,
  settings: new SettingsApi(client),
  anonymization: new AnonymizationApi(client),
});

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs the <Switchboard> root (ApiContext) above it');
  return api;
}
