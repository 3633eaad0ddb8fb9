import type { AuthProvider, UserIdentity } from 'react-admin';
import { isApiProblem } from './ApiProblem.js';
import type { ApiClient } from './apiClient.js';
import type { PanelSession, Principal, Role, SessionStore } from './sessionStore.js';

/** Where the panel sends a user whose session is gone: the "reopen from the host" page. */
export const SESSION_ENDED_PATH = '/login';

/** The parts of `window` the auth provider touches, so tests can hand in their own. */
export interface BrowserLocation {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url?: string | URL | null): void };
}

export interface AuthProviderOptions {
  client: ApiClient;
  session: SessionStore;
  browser: BrowserLocation;
}

interface MeResponse {
  principal?: Principal;
  tenant?: { id: string; name: string | null };
}

/** Only admins change settings; supervisors and viewers read them. */
export const canEditSettings = (roles: readonly string[] | undefined): boolean =>
  roles?.includes('admin') ?? false;

/** Reads `?token=` from the page address and removes it, keeping everything else (lang, brand, hash). */
export function takeHostToken(browser: BrowserLocation): string | undefined {
  const url = new URL(browser.location.href);
  const token = url.searchParams.get('token');
  if (token === null || token === '') return undefined;
  url.searchParams.delete('token');
  // The token must not stay in the address bar, the history, or a Referer.
  browser.history.replaceState(null, '', url.toString());
  return token;
}

/**
 * What checkAuth/checkError reject with: react-admin redirects to `redirectTo` and shows `message`
 * (a translation key).
 */
export class SessionEndedError extends Error {
  readonly redirectTo = SESSION_ENDED_PATH;

  constructor() {
    super('switchboard.auth.sessionEnded');
    this.name = 'SessionEndedError';
  }
}

/**
 * The host authenticates; the panel only exchanges the host's signed token (passed in the URL)
 * for a panel session, and shows "session ended" when that session is gone. No login form.
 */
export function createAuthProvider({
  client,
  session,
  browser,
}: AuthProviderOptions): AuthProvider {
  let exchange: Promise<void> | undefined;
  let verifiedToken: string | undefined;

  async function exchangeHostToken(token: string): Promise<void> {
    try {
      const { data } = await client.request<PanelSession>('/auth/session', {
        method: 'POST',
        body: { token },
        anonymous: true,
      });
      session.set(data);
      verifiedToken = data.sessionToken;
    } catch (error) {
      session.clear();
      throw error;
    }
  }

  /** One exchange even when react-admin checks auth several times while it runs. */
  function ensureExchanged(): Promise<void> {
    if (exchange) return exchange;
    const token = takeHostToken(browser);
    if (token === undefined) return Promise.resolve();
    exchange = exchangeHostToken(token).finally(() => {
      exchange = undefined;
    });
    return exchange;
  }

  client.waitBeforeRequests(ensureExchanged);

  async function verify(): Promise<PanelSession> {
    await ensureExchanged();
    const current = session.get();
    if (!current) throw new Error('no session');
    if (verifiedToken === current.sessionToken) return current;
    const { data } = await client.request<MeResponse>('/auth/me');
    const principal = data.principal ?? current.principal;
    session.setPrincipal(principal);
    verifiedToken = current.sessionToken;
    return { ...current, principal };
  }

  return {
    // The host logs users in; the panel has no form.
    login: () => Promise.resolve(),

    async logout() {
      if (session.token() !== undefined) {
        // Best effort: the session is forgotten here whatever the server answers.
        await client.request('/auth/session', { method: 'DELETE' }).catch(() => undefined);
      }
      session.clear();
      verifiedToken = undefined;
      return SESSION_ENDED_PATH;
    },

    async checkAuth() {
      try {
        await verify();
      } catch (error) {
        if (isApiProblem(error) && !error.isUnauthorized && error.status !== 0) throw error;
        throw new SessionEndedError();
      }
    },

    checkError(error: unknown) {
      const status = (error as { status?: unknown } | null)?.status;
      if (status === 401) {
        session.clear();
        verifiedToken = undefined;
        return Promise.reject(new SessionEndedError());
      }
      // 403 means "not for your role / licence": the page explains it; the session stays.
      return Promise.resolve();
    },

    // react-admin asks for permissions as soon as it mounts, before a `?token=` exchange ends:
    // answering from the stored session then would show the previous user's (or no) roles.
    async getPermissions(): Promise<Role[]> {
      await ensureExchanged();
      return session.get()?.principal.roles ?? [];
    },

    async getIdentity(): Promise<UserIdentity> {
      const current = await verify();
      const { userId, userName, tenantId } = current.principal;
      return { id: userId, fullName: userName ?? userId, tenantId };
    },
  };
}
