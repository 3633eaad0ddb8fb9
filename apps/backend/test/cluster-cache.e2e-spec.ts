import { EventEmitter2 } from '@nestjs/event-emitter';
import { CacheInvalidationBridge } from '../src/cluster/cache-invalidation.bridge.js';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../src/cluster/cache-invalidation.events.js';
import { HostApiClientFactory } from '../src/host/host-api-client.factory.js';
import { SettingsWebhookListener } from '../src/settings/settings-webhook.listener.js';
import { SETTINGS_UPDATED, type SettingsUpdatedEvent } from '../src/settings/settings.events.js';
import { startFakeHost, type FakeHost } from './support/fake-host.js';
import { parsePrometheus, sampleValue } from './support/prometheus.js';
import { callHook, deliver, eventually, sessionCreated, sql } from './support/host-deliveries.js';
import {
  installTenant,
  type InstalledTenant,
  panelSession,
  platformPost,
} from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const kind = testDatabaseKind();
const METRICS_TOKEN = `metrics-${'x'.repeat(16)}`;

/** What one instance saw on its local event bus. */
interface Observed {
  invalidations: CacheInvalidateEvent[];
  settingsUpdated: SettingsUpdatedEvent[];
}

function observe(t: TestApp): Observed {
  const observed: Observed = { invalidations: [], settingsUpdated: [] };
  const events = t.app.get(EventEmitter2);
  events.on(CACHE_INVALIDATE, (event: CacheInvalidateEvent) => observed.invalidations.push(event));
  events.on(SETTINGS_UPDATED, (event: SettingsUpdatedEvent) =>
    observed.settingsUpdated.push(event),
  );
  return observed;
}

/**
 * Per-instance caches (effective settings, webhook credentials, panel keys, host API clients)
 * follow changes made through any instance. On PostgreSQL two real instances share one database:
 * A takes the change, B serves the next request. On SQLite only one instance may run; B is A,
 * and the same requests check that the local bridge invalidates there.
 */
describe(`cache invalidation across instances on ${kind}`, () => {
  let host: FakeHost;
  let a: TestApp;
  let b: TestApp;
  let seenOnA: Observed;
  let seenOnB: Observed;

  beforeAll(async () => {
    host = await startFakeHost();
    a = await startTestApp({ env: { METRICS_TOKEN } });
    b =
      kind === 'postgres'
        ? await startTestApp({ database: a.database, env: { METRICS_TOKEN } })
        : a;
    seenOnA = observe(a);
    seenOnB = b === a ? seenOnA : observe(b);
  });

  afterAll(async () => {
    if (b !== a) await b?.close();
    // Drops the database, which B shared.
    await a?.close();
    await host?.close();
  });

  const install = (app: TestApp, overrides: Parameters<typeof installTenant>[1] = {}) =>
    installTenant(app, {
      hostApiBaseUrl: host.apiBaseUrl,
      capabilities: ['signedWebhooks', 'decisionHooks', 'settingsWebhook'],
      locale: 'en',
      ...overrides,
    });

  const upload = async (
    t: TestApp,
    tenant: InstalledTenant,
  ): Promise<{ status: number; body: unknown }> => {
    const response = await callHook(
      t,
      '/hooks/file-upload',
      {
        tenantId: tenant.tenantId,
        requestedAt: new Date().toISOString(),
        sessionId: '900',
        uploader: 'guest',
        fileName: 'report.pdf',
        sizeBytes: 1000,
      },
      tenant.secrets.webhookSecret,
    );
    return { status: response.status, body: await response.json() };
  };

  /** A SessionCreated delivery to B for the tenant, signed with `secret`. */
  const webhookToB = (tenantId: string, secret: string) =>
    deliver(b, tenantId, sessionCreated(Date.now(), 101), { secret });

  /** Uninstalls through A and waits until B has heard of it. */
  const uninstallThroughA = async (tenantId: string): Promise<void> => {
    const since = mark();
    expect((await platformPost(a, '/uninstall', { tenantId })).status).toBe(204);
    await reachedB(since, 'tenant', tenantId);
  };

  /** Where B's invalidations stand now; `reachedB` looks only at the ones after it. */
  const mark = (): number => seenOnB.invalidations.length;

  /** B has received the invalidation (on SQLite at once: it is A). */
  const reachedB = (since: number, scope: 'settings' | 'tenant', tenantId: string) =>
    eventually(
      () =>
        seenOnB.invalidations
          .slice(since)
          .find((event) => event.scope === scope && event.tenantId === tenantId),
      10_000,
      `B's ${scope} invalidation of ${tenantId}`,
    );

  it('is local on SQLite and travels through PostgreSQL otherwise', () => {
    const bridge = a.app.get(CacheInvalidationBridge);
    expect(bridge.mode).toBe(kind === 'postgres' ? 'postgresql' : 'local');
    expect(bridge.connected).toBe(true);
    if (b !== a) expect(b.app.get(CacheInvalidationBridge).instanceId).not.toBe(bridge.instanceId);
  });

  it("answers B's next decision hook with a setting changed through A, without repeating A's side effects", async () => {
    const tenant = await install(a);
    const admin = (await panelSession(a, tenant, ['admin'])).authorization;
    // B has the tenant's settings cached.
    expect(await upload(b, tenant)).toEqual({
      status: 200,
      body: { decision: 'allow', decidedBy: 'settings' },
    });

    const since = mark();
    const patched = await fetch(`${a.baseUrl}/api/settings`, {
      method: 'PATCH',
      headers: { authorization: admin, 'content-type': 'application/json', 'if-match': '"0"' },
      body: JSON.stringify({ values: { 'chat.clientFileSending': { enabled: false } } }),
    });
    expect(patched.status).toBe(200);
    // The instance that made the change invalidated before it answered.
    expect(seenOnA.invalidations).toContainEqual({ scope: 'settings', tenantId: tenant.tenantId });

    await reachedB(since, 'settings', tenant.tenantId);
    expect(await upload(b, tenant)).toEqual({
      status: 200,
      body: {
        decision: 'refuse',
        reason: 'client_file_sending_disabled',
        message: 'Sending files is not available here.',
        decidedBy: 'settings',
      },
    });

    // The domain event (and with it the audit and the host notification) stayed on A.
    const mine = (events: SettingsUpdatedEvent[]) =>
      events.filter((event) => event.tenantId === tenant.tenantId);
    expect(mine(seenOnA.settingsUpdated)).toHaveLength(1);
    expect(mine(seenOnB.settingsUpdated)).toHaveLength(b === a ? 1 : 0);
    await a.app.get(SettingsWebhookListener).drain();
    await b.app.get(SettingsWebhookListener).drain();
    const notifications = host.calls.filter(
      (call) =>
        call.path === '/api/v1/extension/settings-updated' &&
        (call.body as { tenantId?: string }).tenantId === tenant.tenantId,
    );
    expect(notifications).toHaveLength(1);
  });

  it('meters the invalidations by scope and origin, and whether the listener is up', async () => {
    const scrape = async (t: TestApp) => {
      const response = await fetch(`${t.baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(response.status).toBe(200);
      return parsePrometheus(await response.text());
    };
    const onA = await scrape(a);
    const onB = await scrape(b);
    const invalidations = 'switchboard_cache_invalidations_total';
    // The earlier tests changed settings and installed tenants through A.
    expect(sampleValue(onA, invalidations, { scope: 'settings', origin: 'local' })).toBeGreaterThan(
      0,
    );
    expect(sampleValue(onA, invalidations, { scope: 'tenant', origin: 'local' })).toBeGreaterThan(
      0,
    );
    if (kind === 'postgres') {
      expect(
        sampleValue(onB, invalidations, { scope: 'settings', origin: 'remote' }),
      ).toBeGreaterThan(0);
      expect(sampleValue(onB, invalidations, { origin: 'local' })).toBeUndefined();
      // Each instance dropped everything once, when it started listening.
      expect(sampleValue(onB, invalidations, { scope: 'all', origin: 'resync' })).toBe(1);
      expect(sampleValue(onB, 'switchboard_cache_listener_up')).toBe(1);
    } else {
      expect(sampleValue(onA, invalidations, { origin: 'remote' })).toBeUndefined();
      expect(sampleValue(onA, 'switchboard_cache_listener_up')).toBeUndefined();
    }
  });

  it("makes B use a reinstall's new secrets, panel key and host client", async () => {
    const before = await install(a);
    const { tenantId } = before;
    const webhook = (secret: string) => webhookToB(tenantId, secret);
    // B caches the webhook secret, the panel key and the host client.
    expect((await webhook(before.secrets.webhookSecret)).status).toBe(202);
    await panelSession(b, before, ['admin']);
    const oldClient = await b.app.get(HostApiClientFactory).forTenant(tenantId);

    // A reinstall comes with new secrets (installRequest draws them at random).
    const since = mark();
    const after = await install(a, { tenantId });
    await reachedB(since, 'tenant', tenantId);

    expect((await webhook(before.secrets.webhookSecret)).status).toBe(401);
    expect((await webhook(after.secrets.webhookSecret)).status).toBe(202);
    await expect(panelSession(b, before, ['admin'])).rejects.toThrow(/session failed: 401/);
    expect((await panelSession(b, after, ['admin'])).principal.tenantId).toBe(tenantId);
    expect(await b.app.get(HostApiClientFactory).forTenant(tenantId)).not.toBe(oldClient);
  });

  it("makes B refuse an uninstalled tenant's webhooks", async () => {
    const tenant = await install(a);
    const webhook = () => webhookToB(tenant.tenantId, tenant.secrets.webhookSecret);
    expect((await webhook()).status).toBe(202);

    await uninstallThroughA(tenant.tenantId);

    const refused = await webhook();
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { code: string }).code).toBe('tenant_not_found');
  });

  if (kind === 'postgres') {
    it('drops everything on B when its listening connection was lost, as notifications may have been missed', async () => {
      const tenant = await install(a);
      const hook = () => upload(b, tenant);
      expect(await hook()).toEqual({
        status: 200,
        body: { decision: 'allow', decidedBy: 'settings' },
      });

      // A change no instance announces (as if B had missed its notification): B still answers
      // the tenant's hooks from its caches, without asking the database.
      await sql(a, 'delete from tenant where id = ?', [tenant.tenantId]);
      expect((await hook()).status).toBe(200);

      const bridge = b.app.get(CacheInvalidationBridge);
      const since = mark();
      const terminated = await sql(
        a,
        'select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = ?',
        [`switchboard-cache-${bridge.instanceId.slice(0, 8)}`],
      );
      expect(terminated).toEqual([{ done: true }]);

      await eventually(
        () => seenOnB.invalidations.slice(since).find((event) => event.scope === 'all'),
        10_000,
        "B's resync",
      );
      expect(bridge.connected).toBe(true);
      expect(await hook()).toMatchObject({ status: 404, body: { code: 'tenant_not_found' } });

      // And it hears the others again on its new connection.
      const other = await install(a);
      const otherWebhook = () => webhookToB(other.tenantId, other.secrets.webhookSecret);
      expect((await otherWebhook()).status).toBe(202);
      await uninstallThroughA(other.tenantId);
      expect((await otherWebhook()).status).toBe(404);
    });
  }
});
