import { useEffect, useState } from 'react';
import type { ApiClient } from '../providers/apiClient.js';
import type { KeyValueStorage, SessionStore } from '../providers/sessionStore.js';
import { type PartnerTheme, sanitizeTheme } from './brand.js';

/** What `GET /api/branding` and `POST /api/branding/resolve` answer. */
export interface Branding {
  partnerId: string | null;
  theme: PartnerTheme;
}

const CACHE_KEY = 'sb.branding';

/** The host's token in the page address, if any, read without removing it (the auth provider does). */
export function peekHostToken(href: string): string | undefined {
  const token = new URL(href).searchParams.get('token');
  return token === null || token === '' ? undefined : token;
}

/**
 * The tenant a host token names, read without verifying it: only to pick the right remembered
 * theme for the first paint. The backend verifies the token before it answers with a theme.
 */
export function claimedTenant(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const tid = (JSON.parse(json) as { tid?: unknown }).tid;
    return typeof tid === 'string' ? tid : undefined;
  } catch {
    return undefined;
  }
}

interface CachedBranding {
  tenantId: string | null;
  branding: Branding;
}

/**
 * The theme this browser last saw, so a reload (or the session-ended page, which knows no
 * tenant) is branded from the first paint. Never another tenant's: with a known tenant, only its own.
 */
export function readCachedBranding(
  storage: KeyValueStorage,
  tenantId: string | undefined,
): Branding | undefined {
  try {
    const cached = JSON.parse(storage.getItem(CACHE_KEY) ?? 'null') as CachedBranding | null;
    if (cached === null || typeof cached !== 'object') return undefined;
    if (tenantId !== undefined && cached.tenantId !== tenantId) return undefined;
    return {
      partnerId: typeof cached.branding.partnerId === 'string' ? cached.branding.partnerId : null,
      theme: sanitizeTheme(cached.branding.theme),
    };
  } catch {
    return undefined;
  }
}

export function writeCachedBranding(
  storage: KeyValueStorage,
  tenantId: string | undefined,
  branding: Branding,
): void {
  try {
    const cached: CachedBranding = { tenantId: tenantId ?? null, branding };
    storage.setItem(CACHE_KEY, JSON.stringify(cached));
  } catch {
    // A full or refused storage only costs the next first paint its brand.
  }
}

/**
 * The tenant's theme from the backend: with the host's token before it is exchanged (the token
 * says which tenant), else with the panel session; none without either.
 */
export async function fetchBranding(
  client: ApiClient,
  session: SessionStore,
  token: string | undefined,
): Promise<Branding | undefined> {
  let response;
  if (token !== undefined) {
    response = await client.request<unknown>('/branding/resolve', {
      method: 'POST',
      body: { token },
      anonymous: true,
    });
  } else if (session.token() !== undefined) {
    response = await client.request<unknown>('/branding');
  } else {
    return undefined;
  }
  const body = (response.data ?? {}) as { partnerId?: unknown; theme?: unknown };
  return {
    partnerId: typeof body.partnerId === 'string' ? body.partnerId : null,
    theme: sanitizeTheme(body.theme),
  };
}

export interface PartnerBrandingState {
  /** The theme in effect: fetched, else remembered, else none. */
  branding: Branding | undefined;
  /** False only while the first theme is being fetched and none was remembered. */
  ready: boolean;
}

/**
 * Loads the partner theme at run time, so a partner's brand needs no rebuild. Starts from the
 * remembered theme (if it is this tenant's) and replaces it with the served one.
 */
export function usePartnerBranding(options: {
  client: ApiClient;
  session: SessionStore;
  storage: KeyValueStorage;
  enabled: boolean;
}): PartnerBrandingState {
  const { client, session, storage, enabled } = options;
  // Read while rendering: the auth provider takes the token out of the address once react-admin
  // mounts, which is before this component's effects run.
  const [start] = useState(() => {
    const token = peekHostToken(window.location.href);
    const tenantId = token === undefined ? session.get()?.principal.tenantId : claimedTenant(token);
    return { token, tenantId, cached: enabled ? readCachedBranding(storage, tenantId) : undefined };
  });
  const [state, setState] = useState<PartnerBrandingState>(() => ({
    branding: start.cached,
    ready: !enabled || start.cached !== undefined,
  }));

  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    fetchBranding(client, session, start.token)
      .then((branding) => {
        if (!current) return;
        if (branding !== undefined) {
          writeCachedBranding(
            storage,
            start.tenantId ?? session.get()?.principal.tenantId,
            branding,
          );
        }
        setState({ branding: branding ?? start.cached, ready: true });
      })
      .catch(() => {
        // No theme (a refused token, the network): the remembered one, or the shell's defaults.
        if (current) setState({ branding: start.cached, ready: true });
      });
    return () => {
      current = false;
    };
  }, [client, session, storage, enabled, start]);

  return state;
}
