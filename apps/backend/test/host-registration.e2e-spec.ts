import { MikroORM } from '@mikro-orm/core';
import { basicAuthorization, webhookBasicCredentials } from '../src/host/webhook-credentials.js';
import { startFakeHost, type FakeHost } from './support/fake-host.js';
import { deliver, eventually, sessionCreated, sql } from './support/host-deliveries.js';
import { installTenant } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface RegistrationRow {
  state: string;
  host_webhook_id: number | null;
  callback_url: string;
  attempts: number;
  last_error: string | null;
}

describe('webhook registration on the host at install', () => {
  let t: TestApp;
  let host: FakeHost;

  const registration = async (tenantId: string): Promise<RegistrationRow | undefined> =>
    (
      await sql(
        t,
        'select state, host_webhook_id, callback_url, attempts, last_error from host_webhook_registration where tenant_id = ?',
        [tenantId],
      )
    )[0] as RegistrationRow | undefined;

  const registered = (tenantId: string, attempts?: number): Promise<RegistrationRow> =>
    eventually(
      async () => {
        const row = await registration(tenantId);
        return row?.state === 'registered' && (attempts === undefined || row.attempts === attempts)
          ? row
          : undefined;
      },
      15_000,
      `the registration of ${tenantId}`,
    );

  beforeAll(async () => {
    host = await startFakeHost();
    t = await startTestApp({ env: { PUBLIC_URL: 'https://switchboard.example/' } });
  });

  afterAll(async () => {
    await t.close();
    await host.close();
  });

  it('registers every event type at PUBLIC_URL/webhooks/{tenantId} for a signed host', async () => {
    const tenant = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
    const row = await registered(tenant.tenantId);
    const expectedUrl = `https://switchboard.example/webhooks/${tenant.tenantId}`;
    expect(row).toMatchObject({ callback_url: expectedUrl, last_error: null, attempts: 1 });
    const onHost = host.webhooks.get(Number(row.host_webhook_id));
    expect(onHost?.callbackUrl).toBe(expectedUrl);
    expect(onHost?.eventTypes).toEqual(
      expect.arrayContaining(['SessionCreated', 'GuestDisconnected']),
    );
  });

  it('registers v1 event types with Basic credentials in the URL, which the ingress accepts', async () => {
    const tenant = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl, capabilities: [] });
    const row = await registered(tenant.tenantId);
    // The stored URL never holds the credentials; the host's copy does.
    expect(row.callback_url).toBe(`https://switchboard.example/webhooks/${tenant.tenantId}`);
    const onHost = host.webhooks.get(Number(row.host_webhook_id));
    const url = new URL(onHost?.callbackUrl ?? '');
    expect(onHost?.eventTypes).not.toContain('GuestDisconnected');
    const credentials = {
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
    expect(credentials).toEqual(
      webhookBasicCredentials(tenant.tenantId, tenant.secrets.webhookSecret),
    );
    const response = await deliver(t, tenant.tenantId, sessionCreated(77), {
      authorization: basicAuthorization(credentials),
    });
    expect(response.status).toBe(202);
  });

  it('updates the existing registration on reinstall: found in the list, or through the 409', async () => {
    const tenant = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
    const first = await registered(tenant.tenantId);
    const count = host.webhooks.size;

    await installTenant(t, {
      ...tenant.secrets,
      tenantId: tenant.tenantId,
      hostApiBaseUrl: host.apiBaseUrl,
    });
    await eventually(() =>
      host.calls.some(
        (c) => c.method === 'PUT' && c.path === `/api/v1/Webhooks/${first.host_webhook_id}`,
      )
        ? true
        : undefined,
    );
    expect(host.webhooks.size).toBe(count);

    host.hideFromList(true);
    try {
      const before = host.calls.length;
      await installTenant(t, {
        ...tenant.secrets,
        tenantId: tenant.tenantId,
        hostApiBaseUrl: host.apiBaseUrl,
      });
      await eventually(() => {
        const calls = host.calls.slice(before);
        const conflict = calls.findIndex(
          (c) => c.method === 'POST' && c.path === '/api/v1/Webhooks',
        );
        return conflict >= 0 &&
          calls
            .slice(conflict)
            .some(
              (c) => c.method === 'PUT' && c.path === `/api/v1/Webhooks/${first.host_webhook_id}`,
            )
          ? true
          : undefined;
      });
    } finally {
      host.hideFromList(false);
    }
    expect(host.webhooks.size).toBe(count);
    expect((await registered(tenant.tenantId)).host_webhook_id).toBe(first.host_webhook_id);
  });

  it('keeps the install when registration fails, records the failure and retries', async () => {
    // One whole client call (4 attempts with backoff) fails; the retry 1 s later succeeds.
    host.failRegistrations(4);
    const tenant = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
    const failed = await eventually(
      async () => {
        const row = await registration(tenant.tenantId);
        return row?.last_error !== null && row?.last_error !== undefined ? row : undefined;
      },
      15_000,
      'the recorded failure',
    );
    expect(failed.state).toBe('pending');
    expect(failed.last_error).toMatch(/503/);
    const tenantRows = await t.app
      .get(MikroORM)
      .em.getConnection()
      .execute('select id from tenant where id = ?', [tenant.tenantId]);
    expect(tenantRows).toHaveLength(1);
    const row = await registered(tenant.tenantId, 2);
    expect(row.last_error).toBeNull();
  }, 30_000);
});
