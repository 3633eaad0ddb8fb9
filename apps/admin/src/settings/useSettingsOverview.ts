import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useLogoutIfAccessDenied } from 'react-admin';
import { type ApiProblem, isApiProblem } from '../providers/ApiProblem.js';
import { useApi } from '../providers/ApiContext.js';
import type { SettingsOverview } from '../providers/settingsApi.js';

export const SETTINGS_QUERY_KEY = ['switchboard', 'settings'] as const;

export interface SettingsOverviewState {
  overview: SettingsOverview | undefined;
  error: ApiProblem | undefined;
  /** True until the first answer (or failure) arrives. */
  loading: boolean;
  reload: () => Promise<SettingsOverview | undefined>;
  /** After a write, the answer is the new overview: no second request needed. */
  replace: (overview: SettingsOverview) => void;
}

/** Logs out on 401 (react-admin's checkError), whichever query failed. */
export function useLogoutOnDenied(error: unknown): void {
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  useEffect(() => {
    if (isApiProblem(error)) void logoutIfAccessDenied(error);
  }, [error, logoutIfAccessDenied]);
}

export function useSettingsOverview(): SettingsOverviewState {
  const { settings } = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SETTINGS_QUERY_KEY,
    queryFn: () => settings.get(),
    // The page holds edits against one version: never swap it under the user's feet.
    refetchOnWindowFocus: false,
    retry: false,
  });
  useLogoutOnDenied(query.error);
  const { refetch } = query;
  const reload = useCallback(async () => (await refetch()).data, [refetch]);
  const replace = useCallback(
    (overview: SettingsOverview) => queryClient.setQueryData(SETTINGS_QUERY_KEY, overview),
    [queryClient],
  );
  return {
    overview: query.data,
    error: isApiProblem(query.error) ? query.error : undefined,
    loading: query.isPending,
    reload,
    replace,
  };
}
