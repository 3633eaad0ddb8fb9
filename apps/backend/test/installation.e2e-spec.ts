import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { generateWebhookSecret, signedHeaders } from '@switchboard/host-contract';
import { captureLogs } from './support/log-capture.js';
import { installRequest, installTenant, platformPost } from './support/tenants.js';
import { startTestApp, TEST_PLATFORM_SECRET, type TestApp } from './support/test-app.js';

describe('POST /install and /uninstall (platform-signed)', () => {
  let t: TestApp;
  const logs = captureLogs();
  const events: { name: string; payload: unknown }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'debug' }, logDestination: logs.destination });
    const emitter = t.app.get(EventEmitter2);
    for (const name of ['tenant.installed', 'tenant.uninstalled']) {
      emitter.on(name, (payload: unknown) => events.push({ name, payload }));
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  const sql = async (query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> =>
    (await t.app.get(MikroORM).em.getConnection().execute(query, params)) as Record<
      string,
      unknown
    >[];

  it('installs a tenant (201), then a reinstall updates it (200) without echoing secrets', async () => {
    const request = installRequest({
      entitlements: ['av'],
      locale: 'en',
      timeZone: 'Europe/London',
    });
    const first = await platformPost(t, '/install', request);
    expect(first.status).toBe(201);
    const firstText = await first.text();
    expect(JSON.parse(firstText)).toMatchObject({
      tenantId: request.tenantId,
      created: true,
      entitlements: ['av'],
      capabilities: ['signedWebhooks'],
      locale: 'en',
      timeZone: 'Europe/London',
    });
    for (const secret of [request.clientSecret, request.webhookSecret, request.panelTokenSecret]) {
      expect(firstText).not.toContain(secret);
    }

    const again = {
      ...request,
      entitlements: ['av', 'phone.callerIdSelection'],
      clientSecret: 'rotated-secret-value',
    };
    const second = await platformPost(t, '/install', again);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({
      created: false,
      entitlements: ['av', 'phone.callerIdSelection'],
    });
    expect(events.filter((e) => e.name === 'tenant.installed').map((e) => e.payload)).toEqual([
      { tenantId: request.tenantId, created: true },
      { tenantId: request.tenantId, created: false },
    ]);

    const audit = await sql(
      // Installing also starts the anonymization backfill, audited on its own: not this test's.
      "select action, before, after, details from audit_entry where tenant_id = ? and action like 'installation.%' order by id",
      [request.tenantId],
    );
    expect(audit.map((row) => row['action'])).toEqual([
      'installation.installed',
      'installation.updated',
    ]);
    const parse = (value: unknown): unknown =>
      typeof value === 'string' ? JSON.parse(value) : value;
    expect(parse(audit[1]?.['before'])).toEqual({
      entitlements: ['av'],
      capabilities: ['signedWebhooks'],
    });
    expect(parse(audit[1]?.['after'])).toEqual({
      entitlements: ['av', 'phone.callerIdSelection'],
      capabilities: ['signedWebhooks'],
    });
    const auditText = JSON.stringify(audit);
    for (const secret of [
      request.clientSecret,
      again.clientSecret,
      request.webhookSecret,
      request.panelTokenSecret,
    ]) {
      expect(auditText).not.toContain(secret);
    }
  });

  it('stores secrets encrypted: the stored bytes are not the plaintext', async () => {
    const request = installRequest();
    expect((await platformPost(t, '/install', request)).status).toBe(201);
    const rows = await sql(
      'select name, ciphertext, key_id from tenant_secret where tenant_id = ?',
      [request.tenantId],
    );
    expect(rows.map((row) => row['name']).sort()).toEqual([
      'clientId',
      'clientSecret',
      'panelTokenSecret',
      'webhookSecret',
    ]);
    const stored = JSON.stringify(rows);
    for (const secret of [
      request.clientId,
      request.clientSecret,
      request.webhookSecret,
      request.panelTokenSecret,
    ]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
    }
    for (const row of rows) {
      const bytes = Buffer.from(String(row['ciphertext']), 'base64').toString('latin1');
      expect(bytes).not.toContain(request.clientSecret);
      expect(row['key_id']).toBe('test1');
    }
  });

  it('refuses a forged signature, a wrong secret, a stale timestamp and missing headers (401)', async () => {
    const request = installRequest();
    const body = JSON.stringify(request);
    const forged = await platformPost(t, '/install', body, {
      headers: { 'webhook-signature': 'v1,' + Buffer.alloc(32).toString('base64') },
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({
      code: 'invalid_signature',
      details: { reason: 'invalid_signature' },
    });

    const wrongSecret = await platformPost(t, '/install', body, {
      secret: generateWebhookSecret(),
    });
    expect(wrongSecret.status).toBe(401);

    const stale = await platformPost(t, '/install', body, {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ details: { reason: 'timestamp_too_old' } });

    const unsigned = await fetch(`${t.baseUrl}/install`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'cs' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({
      code: 'invalid_signature',
      message: 'Podpis požadavku není platný (missing_headers).',
    });

    // A body changed after signing (e.g. another tenant id) does not verify either.
    const headers = signedHeaders(TEST_PLATFORM_SECRET, `msg_${randomUUID()}`, body);
    const tampered = await fetch(`${t.baseUrl}/install`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body.replace(request.tenantId, 'victim'),
    });
    expect(tampered.status).toBe(401);

    expect(await sql('select id from tenant where id = ?', [request.tenantId])).toHaveLength(0);
  });

  it('refuses a replayed request (same webhook-id) with 409 replayed_request', async () => {
    const request = installRequest();
    const body = JSON.stringify(request);
    const messageId = `msg_${randomUUID()}`;
    const headers = signedHeaders(TEST_PLATFORM_SECRET, messageId, body);
    const send = (): Promise<Response> =>
      fetch(`${t.baseUrl}/install`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    expect((await send()).status).toBe(201);
    const replay = await send();
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ code: 'replayed_request' });
  });

  it('validates the body strictly: unknown fields, bad URL, bad zone and locale give 422', async () => {
    const response = await platformPost(t, '/install', {
      ...installRequest(),
      hostApiBaseUrl: 'ftp://host.example',
      timeZone: 'Mars/Olympus',
      locale: 'de',
      isAdmin: true,
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string; code: string }[] };
    expect(body.errors.map((error) => error.path).sort()).toEqual([
      'hostApiBaseUrl',
      'isAdmin',
      'locale',
      'timeZone',
    ]);
    expect(body.errors.find((error) => error.path === 'isAdmin')?.code).toBe('unknown_field');
  });

  it('uninstalls (204), idempotently, removing the tenant rows and its audit entries', async () => {
    const tenant = await installTenant(t);
    const other = await installTenant(t);
    const uninstall = await platformPost(t, '/uninstall', { tenantId: tenant.tenantId });
    expect(uninstall.status).toBe(204);
    expect(await sql('select id from tenant where id = ?', [tenant.tenantId])).toHaveLength(0);
    expect(
      await sql('select id from tenant_secret where tenant_id = ?', [tenant.tenantId]),
    ).toHaveLength(0);
    expect(
      await sql('select id from audit_entry where tenant_id = ?', [tenant.tenantId]),
    ).toHaveLength(0);
    expect(await sql('select id from tenant where id = ?', [other.tenantId])).toHaveLength(1);
    expect(
      await sql('select id from tenant_secret where tenant_id = ?', [other.tenantId]),
    ).toHaveLength(4);
    expect(events).toContainEqual({
      name: 'tenant.uninstalled',
      payload: { tenantId: tenant.tenantId },
    });

    const again = await platformPost(t, '/uninstall', { tenantId: tenant.tenantId });
    expect(again.status).toBe(204);
    // The platform's own trail keeps who was uninstalled, outside any tenant's scope.
    const trail = await sql(
      "select target_id from audit_entry where tenant_id = '_platform' and action = 'installation.uninstalled'",
    );
    expect(trail.map((row) => row['target_id'])).toEqual([tenant.tenantId]);
  });

  it('never writes a secret into the logs, not even one a caller put in the URL', async () => {
    const request = installRequest();
    await platformPost(t, '/install', request);
    // Request lines are logged with their URL: a secret in the query string must not follow.
    const body = JSON.stringify(request);
    const query = new URLSearchParams({
      clientSecret: request.clientSecret,
      token: request.panelTokenSecret,
    });
    const leaky = await fetch(`${t.baseUrl}/install?${query.toString()}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(TEST_PLATFORM_SECRET, `msg_${randomUUID()}`, body),
      },
      body,
    });
    expect(leaky.status).toBe(200);
    const installLines = logs.lines.filter((line) => line.includes('"/install"'));
    expect(installLines.length).toBeGreaterThanOrEqual(2);
    for (const secret of [
      request.clientSecret,
      encodeURIComponent(request.clientSecret),
      request.webhookSecret,
      request.panelTokenSecret,
      encodeURIComponent(request.panelTokenSecret),
      TEST_PLATFORM_SECRET,
    ]) {
      expect(logs.text()).not.toContain(secret);
    }
  });
});
