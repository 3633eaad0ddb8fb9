import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { verifyWebhook } from '@switchboard/host-contract';
import { defaultValues } from '@switchboard/settings-model';
import { SettingsWebhookListener } from '../src/settings/settings-webhook.listener.js';
import type { SettingsUpdatedEvent } from '../src/settings/settings.events.js';
import {
  authorizationFor,
  hostToken,
  installTenant,
  panelSession,
  type InstalledTenant,
  platformPost,
} from './support/tenants.js';
import { captureLogs } from './support/log-capture.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  url: string;
}

/** A stand-in for the host's extension endpoint: records requests, answers with queued statuses. */
class FakeHost {
  readonly received: Received[] = [];
  readonly statuses: number[] = [];
  private server: Server | undefined;
  private waiters: (() => void)[] = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        // Only the settings notification is under test; webhook registration calls at install
        // (token, /Webhooks) are answered 404 and left out.
        if (!(request.url ?? '').endsWith('/extension/settings-updated')) {
          response.statusCode = 404;
          response.end();
          return;
        }
        this.received.push({
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          url: request.url ?? '',
        });
        response.statusCode = this.statuses.shift() ?? 204;
        response.end();
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/api/v1`;
  }

  async waitFor(count: number, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`host got ${this.received.length} of ${count}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.server === undefined) resolve();
      else this.server.close(() => resolve());
    });
  }
}

describe(`effective settings for the host on ${testDatabaseKind()}`, () => {
  let t: TestApp;
  const host = new FakeHost();
  let hostBaseUrl: string;
  const events: SettingsUpdatedEvent[] = [];
  const logs = captureLogs();
  const logLines = logs.lines;

  beforeAll(async () => {
    hostBaseUrl = await host.start();
    t = await startTestApp({ env: { LOG_LEVEL: 'warn' }, logDestination: logs.destination });
    t.app.get(EventEmitter2).on('settings.updated', (event: SettingsUpdatedEvent) => {
      events.push(event);
    });
  });

  afterAll(async () => {
    await t?.close();
    await host.stop();
  });

  async function hostAuth(tenant: InstalledTenant): Promise<string> {
    const token = await hostToken(tenant.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      userId: 'host-server',
      roles: ['host'],
    });
    return `Bearer ${token}`;
  }

  const effective = (auth: string, query = '', headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}/api/host/settings/effective${query}`, {
      headers: { authorization: auth, ...headers },
    });

  const patch = (auth: string, version: number, values: Record<string, unknown>) =>
    fetch(`${t.baseUrl}/api/settings`, {
      method: 'PATCH',
      headers: {
        authorization: auth,
        'content-type': 'application/json',
        'if-match': `"${version}"`,
      },
      body: JSON.stringify({ values }),
    });

  it('serves effective values with provenance, a strong ETag and 304 when unchanged', async () => {
    const tenant = await installTenant(t);
    const auth = await hostAuth(tenant);
    const first = await effective(auth);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"0-[\w-]+"$/);
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ tenantId: tenant.tenantId, version: 0, packageId: null });
    expect(body['values']).toEqual(defaultValues());

    const again = await effective(auth, '', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
  });

  it('answers the next request after a write with the new values and a fresh ETag', async () => {
    const tenant = await installTenant(t);
    const auth = await hostAuth(tenant);
    const admin = (await panelSession(t, tenant, ['admin'])).authorization;
    const before = await effective(auth, '?packageId=web-1');
    const oldTag = before.headers.get('etag') ?? '';
    await before.arrayBuffer();

    expect((await patch(admin, 0, { 'chat.statusWhenAllAway': 'offline' })).status).toBe(200);
    const after = await effective(auth, '?packageId=web-1', { 'if-none-match': oldTag });
    expect(after.status).toBe(200);
    const newTag = after.headers.get('etag') ?? '';
    expect(newTag).not.toBe(oldTag);
    expect(newTag).toMatch(/^"1-/);
    const body = (await after.json()) as {
      values: Record<string, unknown>;
      provenance: Record<string, unknown>;
    };
    expect(body).toMatchObject({ version: 1, packageId: 'web-1' });
    expect(body.values['chat.statusWhenAllAway']).toBe('offline');
    expect(body.provenance['chat.statusWhenAllAway']).toBe('tenant');

    const override = await fetch(
      `${t.baseUrl}/api/settings/packages/web-1/chat.statusWhenAllAway`,
      {
        method: 'PUT',
        headers: { authorization: admin, 'content-type': 'application/json', 'if-match': '"1"' },
        body: JSON.stringify({ value: 'busy' }),
      },
    );
    expect(override.status).toBe(200);
    const packageLevel = (await (await effective(auth, '?packageId=web-1')).json()) as typeof body;
    expect(packageLevel.values['chat.statusWhenAllAway']).toBe('busy');
    expect(packageLevel.provenance['chat.statusWhenAllAway']).toBe('package');
    const tenantLevel = (await (await effective(auth)).json()) as typeof body;
    expect(tenantLevel.values['chat.statusWhenAllAway']).toBe('offline');
  });

  it('drops a value whose entitlement a reinstall removed, with new ETags at the same version', async () => {
    const tenant = await installTenant(t, { entitlements: ['av'] });
    const admin = (await panelSession(t, tenant, ['admin'])).authorization;
    expect((await patch(admin, 0, { 'chat.avRecording': true })).status).toBe(200);
    const before = await effective(await hostAuth(tenant));
    const hostTag = before.headers.get('etag') ?? '';
    expect(((await before.json()) as { values: Record<string, unknown> }).values).toMatchObject({
      'chat.avRecording': true,
    });
    const overview = await fetch(`${t.baseUrl}/api/settings`, {
      headers: { authorization: admin },
    });
    const panelTag = overview.headers.get('etag') ?? '';
    await overview.arrayBuffer();

    // The host reinstalls the tenant without the AV licence: no settings write, same version.
    const reinstalled = await installTenant(t, { tenantId: tenant.tenantId, entitlements: [] });
    const after = await effective(await hostAuth(reinstalled), '', { 'if-none-match': hostTag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(hostTag);
    const body = (await after.json()) as {
      version: number;
      values: Record<string, unknown>;
      provenance: Record<string, unknown>;
    };
    expect(body.version).toBe(1);
    expect(body.values['chat.avRecording']).toBe(false);
    expect(body.provenance['chat.avRecording']).toBe('default');

    const admin2 = (await panelSession(t, reinstalled, ['admin'])).authorization;
    const reread = await fetch(`${t.baseUrl}/api/settings`, { headers: { authorization: admin2 } });
    expect(reread.headers.get('etag')).not.toBe(panelTag);
    expect(await reread.json()).toMatchObject({ version: 1, entitlements: [] });
  });

  it('lets panel readers use it too, but refuses an operator and a malformed package id', async () => {
    const tenant = await installTenant(t);
    const viewer = (await panelSession(t, tenant, ['viewer'])).authorization;
    expect((await effective(viewer)).status).toBe(200);
    const operator = await authorizationFor(t, tenant, ['operator']);
    const refused = await effective(operator);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('forbidden_role');
    const bad = await effective(await hostAuth(tenant), '?packageId=..%2Fx');
    expect(bad.status).toBe(422);
  });

  it('emits settings.updated once per accepted write, with documents and changes', async () => {
    const tenant = await installTenant(t);
    const admin = (await panelSession(t, tenant, ['admin'])).authorization;
    const mine = () => events.filter((event) => event.tenantId === tenant.tenantId);

    expect((await patch(admin, 0, { 'email.queueOrder': 'oldest' })).status).toBe(200);
    expect((await patch(admin, 1, { 'email.queueOrder': 'oldest' })).status).toBe(200); // no change
    expect((await patch(admin, 0, { 'email.queueOrder': 'newest' })).status).toBe(409);
    expect((await patch(admin, 1, { 'email.queueOrder': 'bogus' })).status).toBe(422);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({
      version: 1,
      kind: 'update',
      changes: [{ scope: 'tenant', key: 'email.queueOrder', before: null, after: 'oldest' }],
      before: { tenant: {}, packages: {} },
      after: { tenant: { 'email.queueOrder': 'oldest' }, packages: {} },
      actor: { type: 'user', id: expect.any(String) },
    });

    expect((await patch(admin, 1, { 'email.queueOrder': null })).status).toBe(200);
    expect(mine().map((event) => event.version)).toEqual([1, 2]);
  });

  describe('change notification webhook', () => {
    it('POSTs a signed notification to a host with the settingsWebhook capability', async () => {
      const tenant = await installTenant(t, {
        hostApiBaseUrl: hostBaseUrl,
        capabilities: ['signedWebhooks', 'settingsWebhook'],
      });
      const admin = (await panelSession(t, tenant, ['admin'])).authorization;
      const start = host.received.length;
      const override = await fetch(`${t.baseUrl}/api/settings/packages/web-7/chat.clientHistory`, {
        method: 'PUT',
        headers: { authorization: admin, 'content-type': 'application/json', 'if-match': '"0"' },
        body: JSON.stringify({ value: true }),
      });
      expect(override.status).toBe(200);
      await host.waitFor(start + 1);

      const request = host.received[start];
      expect(request?.url).toBe('/api/v1/extension/settings-updated');
      expect(
        verifyWebhook(tenant.secrets.webhookSecret, request?.headers ?? {}, request?.body ?? ''),
      ).toEqual({
        ok: true,
      });
      expect(
        verifyWebhook(
          'whsec_' + Buffer.from('wrong').toString('base64'),
          request?.headers ?? {},
          request?.body ?? '',
        ),
      ).toMatchObject({ ok: false });
      expect(JSON.parse(request?.body ?? '')).toEqual({
        type: 'settings.updated',
        tenantId: tenant.tenantId,
        version: 1,
        changedKeys: ['chat.clientHistory'],
        packageIds: ['web-7'],
      });
    });

    it('retries a failed delivery with the same message id', async () => {
      const tenant = await installTenant(t, {
        hostApiBaseUrl: hostBaseUrl,
        capabilities: ['settingsWebhook'],
      });
      const admin = (await panelSession(t, tenant, ['admin'])).authorization;
      const start = host.received.length;
      host.statuses.push(503);
      expect((await patch(admin, 0, { 'chat.deleteFilesAfterSession': true })).status).toBe(200);
      await host.waitFor(start + 2);
      const [failed, retried] = host.received.slice(start);
      expect(retried?.headers['webhook-id']).toBe(failed?.headers['webhook-id']);
      expect(
        verifyWebhook(tenant.secrets.webhookSecret, retried?.headers ?? {}, retried?.body ?? ''),
      ).toEqual({
        ok: true,
      });
    });

    it('gives up on a refusal and logs it without secrets', async () => {
      const tenant = await installTenant(t, {
        hostApiBaseUrl: hostBaseUrl,
        capabilities: ['settingsWebhook'],
      });
      const admin = (await panelSession(t, tenant, ['admin'])).authorization;
      const start = host.received.length;
      host.statuses.push(410);
      expect((await patch(admin, 0, { 'chat.clientHistory': true })).status).toBe(200);
      await t.app.get(SettingsWebhookListener).drain();
      expect(host.received.length - start).toBe(1);
      const entry = logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line['tenantId'] === tenant.tenantId && 'version' in line);
      expect(entry).toMatchObject({
        version: 1,
        attempt: 1,
        reason: 'HTTP 410',
        host: new URL(hostBaseUrl).origin,
      });
      const signature = String(host.received[start]?.headers['webhook-signature']);
      const logged = logLines.join('\n');
      for (const secret of [tenant.secrets.webhookSecret, signature, tenant.secrets.clientSecret]) {
        expect(logged).not.toContain(secret);
      }
    });

    it('gives each notification its own webhook-id, also when versions restart after a reinstall', async () => {
      const options = { hostApiBaseUrl: hostBaseUrl, capabilities: ['settingsWebhook'] };
      const tenant = await installTenant(t, options);
      const mine = () => host.received.filter((r) => r.body.includes(tenant.tenantId));
      const admin = (await panelSession(t, tenant, ['admin'])).authorization;
      expect((await patch(admin, 0, { 'chat.clientHistory': true })).status).toBe(200);
      await t.app.get(SettingsWebhookListener).drain();

      expect((await platformPost(t, '/uninstall', { tenantId: tenant.tenantId })).status).toBe(204);
      const again = await installTenant(t, { ...options, tenantId: tenant.tenantId });
      const admin2 = (await panelSession(t, again, ['admin'])).authorization;
      expect((await patch(admin2, 0, { 'chat.clientHistory': true })).status).toBe(200);
      await t.app.get(SettingsWebhookListener).drain();

      const [first, second] = mine();
      expect(mine()).toHaveLength(2);
      // Both say version 1: only the id tells the host these are two different changes.
      expect(JSON.parse(first?.body ?? '')).toMatchObject({ version: 1 });
      expect(JSON.parse(second?.body ?? '')).toMatchObject({ version: 1 });
      expect(first?.headers['webhook-id']).toEqual(expect.stringMatching(/^msg_settings_/));
      expect(second?.headers['webhook-id']).not.toBe(first?.headers['webhook-id']);
    });

    it('sends nothing to a host without the capability', async () => {
      const tenant = await installTenant(t, { hostApiBaseUrl: hostBaseUrl, capabilities: [] });
      const admin = (await panelSession(t, tenant, ['admin'])).authorization;
      const start = host.received.length;
      expect((await patch(admin, 0, { 'chat.clientHistory': true })).status).toBe(200);
      await t.app.get(SettingsWebhookListener).drain();
      expect(host.received.slice(start).filter((r) => r.body.includes(tenant.tenantId))).toEqual(
        [],
      );
    });
  });
});
