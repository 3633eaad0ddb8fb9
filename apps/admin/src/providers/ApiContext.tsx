import { createContext, useContext } from 'react';
import type { ApiClient } from './apiClient.js';
import type { SettingsApi } from './settingsApi.js';

export interface Api {
  client: ApiClient;
  settings: SettingsApi;
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs the <Switchboard> root (ApiContext) above it');
  return api;
}
