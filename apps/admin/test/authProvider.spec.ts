import { ApiClient } from '../src/providers/apiClient.js';
import {
  SESSION_ENDED_PATH,
  SessionEndedError,
  canEditSettings,
  createAuthProvider,
  takeHostToken,
} from '../src/providers/authProvider.js';
import { SessionStore, memoryStorage } from '../src/providers/sessionStore.js';
import { fakeFetch, on } from './support/fakeFetch.js';

const principal = {
  tenantId: 't1',
  userId: 'u7',
  userName: 'Jana Nováková',
  roles: ['supervisor'],
  locale: 'cs' as const,
};

function fakeBrowser(href: string) {
  const browser = {
    location: { href },
    history: {
      replaceState: jest.fn((_data: unknown, _unused: string, url?: string | URL | null) => {
        if (url) browser.location.href = url.toString();
      }),
    },
  };
  return browser;
}

function setup(href: string, ...routes: Parameters<typeof fakeFetch>) {
  const { fetch, requests } = fakeFetch(...routes);
  const storage = memoryStorage();
  const session = new SessionStore(storage);
  const client = new ApiClient({ fetch, session, getLocale: () => 'cs' });
  const browser = fakeBrowser(href);
  const authProvider = createAuthProvider({ client, session, browser });
  return { authProvider, requests, session, storage, browser };
}

const exchange = on('POST', '/api/auth/session', {
  status: 201,
  body: { sessionToken: 'panel-123', expiresAt: '2999-01-01T00:00:00Z', principal },
});
const me = on('GET', '/api/auth/me', { body: { principal, tenant: { id: 't1', name: 'Acme' } } });

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('the auth provider', () => {
  it('exchanges the host token from the URL for a session kept in sessionStorage', async () => {
    const { authProvider, requests, storage } = setup(
      'https://sb.example/admin/?token=host.jwt.sig&lang=cs#/settings/chat',
      exchange,
      me,
    );
    await authProvider.checkAuth({});
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ token: 'host.jwt.sig' });
    // The exchange itself carries no stale session.
    expect(post?.headers.get('Authorization')).toBeNull();
    expect(storage.getItem('sb.panelSession')).toContain('panel-123');
    // Later calls carry the new session.
    const next = requests.filter((r) => r.method === 'GET');
    expect(next.every((r) => r.headers.get('Authorization') === 'Bearer panel-123')).toBe(true);
  });

  it('answers permissions with the roles of the token being exchanged, not a stored session', async () => {
    const { authProvider, session } = setup(
      'https://sb.example/admin/?token=host.jwt.sig&lang=cs',
      exchange,
      me,
    );
    // A viewer's session from an earlier open of the panel in this tab.
    session.set({
      sessionToken: 'old-viewer',
      expiresAt: '2999-01-01T00:00:00Z',
      principal: { ...principal, userId: 'u1', roles: ['viewer'] },
    });
    // react-admin asks before anything else has awaited the exchange.
    await expect(authProvider.getPermissions?.({})).resolves.toEqual(['supervisor']);
  });

  it('removes the token from the address, keeping the language and the route', async () => {
    const { authProvider, browser } = setup(
      'https://sb.example/admin/?token=host.jwt.sig&lang=en#/settings/chat',
      exchange,
      me,
    );
    await authProvider.checkAuth({});
    expect(browser.history.replaceState).toHaveBeenCalledTimes(1);
    expect(browser.location.href).toBe('https://sb.example/admin/?lang=en#/settings/chat');
    expect(takeHostToken(browser)).toBeUndefined();
  });

  it('exchanges once when react-admin checks several times at once', async () => {
    const { authProvider, requests } = setup('https://sb.example/admin/?token=abc', exchange, me);
    await Promise.all([
      authProvider.checkAuth({}),
      authProvider.checkAuth({}),
      authProvider.checkAuth({}),
    ]);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('sends a user without a session (or with a refused token) to the session-ended page', async () => {
    const none = setup('https://sb.example/admin/', me);
    const error = await rejectionOf(none.authProvider.checkAuth({}));
    expect(error).toBeInstanceOf(SessionEndedError);
    expect((error as SessionEndedError).redirectTo).toBe(SESSION_ENDED_PATH);

    const refused = setup(
      'https://sb.example/admin/?token=forged',
      on('POST', '/api/auth/session', {
        status: 401,
        body: { statusCode: 401, code: 'invalid_token', message: 'Neplatný token' },
      }),
    );
    expect(await rejectionOf(refused.authProvider.checkAuth({}))).toBeInstanceOf(SessionEndedError);
    expect(refused.session.get()).toBeUndefined();
  });

  it('logs out on 401 and keeps the session on 403', async () => {
    const { authProvider, session } = setup('https://sb.example/admin/?token=abc', exchange, me);
    await authProvider.checkAuth({});
    await expect(authProvider.checkError({ status: 403 })).resolves.toBeUndefined();
    expect(session.get()).toBeDefined();
    const error = await rejectionOf(authProvider.checkError({ status: 401 }));
    expect(error).toBeInstanceOf(SessionEndedError);
    expect(session.get()).toBeUndefined();
  });

  it('ends the session on the server at logout and forgets it here', async () => {
    const { authProvider, requests, session } = setup(
      'https://sb.example/admin/?token=abc',
      exchange,
      me,
      on('DELETE', '/api/auth/session', { status: 204 }),
    );
    await authProvider.checkAuth({});
    await expect(authProvider.logout({})).resolves.toBe(SESSION_ENDED_PATH);
    const del = requests.find((r) => r.method === 'DELETE');
    expect(del?.headers.get('Authorization')).toBe('Bearer panel-123');
    expect(session.get()).toBeUndefined();
  });

  it('reports the roles as permissions and the user as identity', async () => {
    const { authProvider } = setup('https://sb.example/admin/?token=abc', exchange, me);
    await authProvider.checkAuth({});
    await expect(authProvider.getPermissions?.({})).resolves.toEqual(['supervisor']);
    await expect(authProvider.getIdentity?.()).resolves.toMatchObject({
      id: 'u7',
      fullName: 'Jana Nováková',
    });
  });

  it('lets only admins edit settings', () => {
    expect(canEditSettings(['admin'])).toBe(true);
    expect(canEditSettings(['supervisor'])).toBe(false);
    expect(canEditSettings(['viewer', 'operator'])).toBe(false);
    expect(canEditSettings(undefined)).toBe(false);
  });

  it('drops an expired stored session', () => {
    const storage = memoryStorage();
    const session = new SessionStore(storage, () => Date.parse('2026-11-25T12:00:00Z'));
    session.set({
      sessionToken: 'old',
      expiresAt: '2026-11-25T11:59:59Z',
      principal: { ...principal, roles: ['admin'], locale: 'cs' },
    });
    expect(session.get()).toBeUndefined();
  });
});
