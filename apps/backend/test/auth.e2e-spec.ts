import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { SignJWT } from 'jose';
import { AuthCleanupJob } from '../src/auth/auth-cleanup.job.js';
import { captureLogs } from './support/log-capture.js';
import {
  hostToken,
  installTenant,
  type InstalledTenant,
  panelSession,
  platformPost,
  installRequest,
} from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('auth: host JWTs and panel sessions', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
  let other: InstalledTenant;
  const logs = captureLogs();

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'debug' }, logDestination: logs.destination });
    tenant = await installTenant(t, { locale: 'cs' });
    other = await installTenant(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  const me = (authorization?: string): Promise<Response> =>
    fetch(`${t.baseUrl}/api/auth/me`, {
      headers: authorization === undefined ? {} : { authorization },
    });

  const expectInvalid = async (response: Response, reason: string): Promise<void> => {
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'invalid_token', details: { reason } });
  };

  const claims = { tenantId: '', roles: ['admin' as const], userId: 'u-1', userName: 'Eva' };

  it('exchanges a host JWT for a session, serves /me with it, and ends it on DELETE', async () => {
    const token = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
    });
    const opened = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(opened.status).toBe(201);
    const session = (await opened.json()) as { sessionToken: string; expiresAt: string };
    expect(session).toEqual({
      sessionToken: expect.stringMatching(/^[\w-]{43}$/),
      expiresAt: expect.any(String),
      principal: {
        tenantId: tenant.tenantId,
        userId: 'u-1',
        userName: 'Eva',
        roles: ['admin'],
        locale: 'cs',
      },
    });
    const hours = (Date.parse(session.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);

    // Only the hash of the session token is stored.
    const rows = (await t.app
      .get(MikroORM)
      .em.getConnection()
      .execute('select token_hash from panel_session where tenant_id = ?', [tenant.tenantId])) as {
      token_hash: string;
    }[];
    expect(rows.map((row) => row.token_hash)).toEqual([
      createHash('sha256').update(session.sessionToken).digest('hex'),
    ]);

    const authorization = `Bearer ${session.sessionToken}`;
    const who = await me(authorization);
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({
      principal: { tenantId: tenant.tenantId, roles: ['admin'] },
      tenant: { id: tenant.tenantId, locale: 'cs' },
    });

    const closed = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'DELETE',
      headers: { authorization },
    });
    expect(closed.status).toBe(204);
    await expectInvalid(await me(authorization), 'session_expired');
  });

  const openSession = (token: string): Promise<Response> =>
    fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });

  const sql = async (query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> =>
    (await t.app.get(MikroORM).em.getConnection().execute(query, params)) as Record<
      string,
      unknown
    >[];

  /** A token signed like the host's, with exactly the given claims on top of the basics. */
  const signed = (secret: string, tenantId: string, extra: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tid: tenantId, roles: ['admin'], ...extra })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('u-1')
      .setAudience('switchboard')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(secret));
  };

  it('opens one session per JWT: a second exchange of the same jti is refused as replayed', async () => {
    const token = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
    });
    expect((await openSession(token)).status).toBe(201);
    await expectInvalid(await openSession(token), 'replayed');
    // Another token of the same user (a new jti) still opens a session.
    const next = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
    });
    expect((await openSession(next)).status).toBe(201);
  });

  it('remembers token ids per tenant: the same jti from two tenants opens two sessions', async () => {
    const jti = randomUUID();
    const mine = await signed(tenant.secrets.panelTokenSecret, tenant.tenantId, { jti });
    const theirs = await signed(other.secrets.panelTokenSecret, other.tenantId, { jti });
    expect((await openSession(mine)).status).toBe(201);
    expect((await openSession(theirs)).status).toBe(201);
    await expectInvalid(await openSession(mine), 'replayed');
  });

  it('requires a jti to open a session', async () => {
    const token = await signed(tenant.secrets.panelTokenSecret, tenant.tenantId, {});
    await expectInvalid(await openSession(token), 'malformed');
  });

  it('opens sessions only for panel roles, and takes only host and operator JWTs as bearers', async () => {
    for (const role of ['host', 'operator'] as const) {
      const token = await hostToken(tenant.secrets.panelTokenSecret, {
        tenantId: tenant.tenantId,
        roles: [role],
      });
      const refused = await openSession(token);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'forbidden_role' });
    }
    const mixed = await hostToken(tenant.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      roles: ['admin', 'host'],
    });
    expect((await openSession(mixed)).status).toBe(403);

    for (const role of ['admin', 'supervisor', 'viewer'] as const) {
      const token = await hostToken(tenant.secrets.panelTokenSecret, {
        tenantId: tenant.tenantId,
        roles: [role],
      });
      await expectInvalid(await me(`Bearer ${token}`), 'session_required');
      // Refused as a bearer, the token was not spent: it still opens its one session.
      expect((await openSession(token)).status).toBe(201);
    }
    await expectInvalid(await me(`Bearer ${mixed}`), 'session_required');
  });

  it('verifies with the current panel secret after a reinstall, and not at all after uninstall', async () => {
    const request = installRequest();
    expect((await platformPost(t, '/install', request)).status).toBe(201);
    const operator = (secret: string) =>
      hostToken(secret, { tenantId: request.tenantId, roles: ['operator'] });
    const oldToken = await operator(request.panelTokenSecret);
    expect((await me(`Bearer ${oldToken}`)).status).toBe(200);

    const rotated = { ...request, panelTokenSecret: randomBytes(32).toString('base64url') };
    expect((await platformPost(t, '/install', rotated)).status).toBe(200);
    await expectInvalid(await me(`Bearer ${oldToken}`), 'signature');
    const newToken = await operator(rotated.panelTokenSecret);
    expect((await me(`Bearer ${newToken}`)).status).toBe(200);

    expect((await platformPost(t, '/uninstall', { tenantId: request.tenantId })).status).toBe(204);
    await expectInvalid(await me(`Bearer ${newToken}`), 'signature');
  });

  it('prunes expired sessions and token ids in the cleanup job, not in requests', async () => {
    const { authorization } = await panelSession(t, tenant, ['viewer']);
    const hash = createHash('sha256').update(authorization.slice('Bearer '.length)).digest('hex');
    const past = new Date(Date.now() - 60_000);
    await sql('update panel_session set expires_at = ? where token_hash = ?', [past, hash]);
    await sql('update used_token set expires_at = ? where tenant_id = ?', [past, other.tenantId]);
    const expiredTokenIds = async () =>
      (await sql('select id from used_token where expires_at < ?', [new Date()])).length;
    expect(await expiredTokenIds()).toBeGreaterThan(0);

    // Opening another session leaves other rows alone.
    await panelSession(t, tenant, ['viewer']);
    expect(await sql('select id from panel_session where token_hash = ?', [hash])).toHaveLength(1);

    const removed = await t.app.get(AuthCleanupJob).prune();
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(removed.tokenIds).toBeGreaterThanOrEqual(1);
    expect(await sql('select id from panel_session where token_hash = ?', [hash])).toHaveLength(0);
    expect(await expiredTokenIds()).toBe(0);
    // Live ones stay.
    expect(
      (await sql('select id from used_token where tenant_id = ?', [tenant.tenantId])).length,
    ).toBeGreaterThan(0);
  });

  it('never logs the panel token the host puts in the /admin URL', async () => {
    const token = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
    });
    await fetch(`${t.baseUrl}/admin/?token=${token}&lang=cs`);
    await fetch(`${t.baseUrl}/api/auth/me?token=${token}`);
    const requestLines = logs.lines.filter(
      (line) => line.includes('"/admin/"') || line.includes('"/api/auth/me"'),
    );
    expect(requestLines.length).toBeGreaterThanOrEqual(2);
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain(token.split('.')[2]);
  });

  it('accepts a host JWT directly as the bearer (server calls, operator actions)', async () => {
    const token = await hostToken(tenant.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      roles: ['operator'],
      locale: 'en',
    });
    const response = await me(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      principal: { roles: ['operator'], locale: 'en' },
    });
  });

  it('answers 401 unauthenticated without credentials, localized', async () => {
    const response = await fetch(`${t.baseUrl}/api/auth/me`, {
      headers: { 'accept-language': 'cs' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      code: 'unauthenticated',
      message: 'Nejprve se přihlaste: tento požadavek vyžaduje přístupový token.',
    });
    expect((await me('Basic dXNlcjpwYXNz')).status).toBe(401);
  });

  it('refuses a forged signature and a token signed with another tenant\u2019s secret', async () => {
    const forged = await hostToken('x'.repeat(40), { ...claims, tenantId: tenant.tenantId });
    await expectInvalid(await me(`Bearer ${forged}`), 'signature');
    const crossTenant = await hostToken(other.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
    });
    await expectInvalid(await me(`Bearer ${crossTenant}`), 'signature');
    // The same forged token cannot open a session either.
    const session = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: crossTenant }),
    });
    await expectInvalid(session, 'signature');
  });

  it('refuses an expired token and one with the wrong audience', async () => {
    const expired = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
      expiresInSeconds: -60,
    });
    await expectInvalid(await me(`Bearer ${expired}`), 'expired');
    const audience = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
      audience: 'someone-else',
    });
    await expectInvalid(await me(`Bearer ${audience}`), 'audience');
  });

  it('refuses alg=none, HS512 and RS256 tokens (algorithm pinned to HS256)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      tid: tenant.tenantId,
      sub: 'u-1',
      roles: ['admin'],
      aud: 'switchboard',
      iat: now,
      exp: now + 300,
    };
    const b64 = (value: unknown): string =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    await expectInvalid(await me(`Bearer ${none}`), 'algorithm');

    const secret = new TextEncoder().encode(tenant.secrets.panelTokenSecret);
    const hs512 = await new SignJWT(payload).setProtectedHeader({ alg: 'HS512' }).sign(secret);
    await expectInvalid(await me(`Bearer ${hs512}`), 'algorithm');

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs256 = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    await expectInvalid(await me(`Bearer ${rs256}`), 'algorithm');
  });

  it('refuses a token living longer than 15 minutes, bad roles, garbage and unknown tenants', async () => {
    const long = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
      expiresInSeconds: 3600,
    });
    await expectInvalid(await me(`Bearer ${long}`), 'malformed');

    const secret = new TextEncoder().encode(tenant.secrets.panelTokenSecret);
    const now = Math.floor(Date.now() / 1000);
    const superuser = await new SignJWT({ tid: tenant.tenantId, roles: ['root'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setAudience('switchboard')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(secret);
    await expectInvalid(await me(`Bearer ${superuser}`), 'malformed');

    await expectInvalid(await me('Bearer not.a.jwt'), 'malformed');
    const unknown = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: 'no-such-tenant',
    });
    // Told apart from a bad signature in the log only: callers cannot probe for tenants.
    await expectInvalid(await me(`Bearer ${unknown}`), 'signature');
    expect(logs.lines.some((line) => line.includes('unknown_tenant'))).toBe(true);
    await expectInvalid(
      await me('Bearer abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'),
      'session_expired',
    );
  });

  it('refuses an expired session', async () => {
    const { authorization } = await panelSession(t, tenant, ['viewer']);
    expect((await me(authorization)).status).toBe(200);
    const hash = createHash('sha256').update(authorization.slice('Bearer '.length)).digest('hex');
    await t.app
      .get(MikroORM)
      .em.getConnection()
      .execute('update panel_session set expires_at = ? where token_hash = ?', [
        new Date(Date.now() - 1000),
        hash,
      ]);
    await expectInvalid(await me(authorization), 'session_expired');
  });

  it('validates the session request body (raw-body capture keeps the JSON errors)', async () => {
    const post = (body: string): Promise<Response> =>
      fetch(`${t.baseUrl}/api/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const unknownField = await post(JSON.stringify({ token: 'x', extra: 1 }));
    expect(unknownField.status).toBe(422);
    expect(await unknownField.json()).toMatchObject({
      errors: [{ path: 'extra', code: 'unknown_field' }],
    });
    const malformed = await post('{"token":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'malformed_json' });
  });

  it('keeps the health checks public', async () => {
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
  });

  it('never logs tokens or secrets', async () => {
    const token = await hostToken(tenant.secrets.panelTokenSecret, {
      ...claims,
      tenantId: tenant.tenantId,
    });
    const { authorization } = await panelSession(t, tenant, ['admin']);
    await me(`Bearer ${token}`);
    await me(authorization);
    expect(logs.text()).toContain('/api/auth/me');
    for (const value of [
      token,
      authorization.slice(7),
      tenant.secrets.panelTokenSecret,
      tenant.secrets.clientSecret,
    ]) {
      expect(logs.text()).not.toContain(value);
    }
  });
});
