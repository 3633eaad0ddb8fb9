import { EventEmitter2 } from '@nestjs/event-emitter';
import { isWebhookEvent } from '@switchboard/host-contract';
import type { HostEvent } from '../src/host/host.events.js';
import { eventually, sql } from './support/host-deliveries.js';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox-process.js';
import { panelSession } from './support/tenants.js';
import { startTestApp, TEST_PLATFORM_SECRET, type TestApp } from './support/test-app.js';

const TENANT = '101';

/** The session ids of the SessionCreated events among `events`, in order. */
function createdSessionIds(events: readonly HostEvent[]): string[] {
  return events.flatMap((e) =>
    isWebhookEvent(e.envelope, 'SessionCreated') ? [e.envelope.data.id] : [],
  );
}

interface Installation {
  webhookSecret: string;
  panelTokenSecret: string;
  clientId: string;
  clientSecret: string;
}

interface Registration {
  id: number;
  tenantId: number;
  callbackUrl: string;
  eventTypes: string[];
}

interface HookDecision {
  hook: string;
  usedDefault: boolean;
  defaultReason: string | null;
  decision: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
}

/** The backend and the emulated host as two processes talking HTTP, as in production. */
describe('Switchboard against the host sandbox (separate process)', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;
  let installation: Installation;
  let packageId: number;
  const published: HostEvent[] = [];

  const install = async (): Promise<void> => {
    const response = await sandbox.control<{ installation: Installation }>(
      'POST',
      `/tenants/${TENANT}/install-plugin`,
      { switchboardUrl: t.baseUrl, platformSecret: TEST_PLATFORM_SECRET },
    );
    if (response.status !== 200) {
      throw new Error(`install failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    installation = response.body.installation;
  };

  const registrations = async (): Promise<Registration[]> =>
    (await sandbox.control<Registration[]>('GET', '/state/webhooks')).body.filter(
      (w) => String(w.tenantId) === TENANT,
    );

  const newSession = async (drain = true): Promise<string> => {
    const response = await sandbox.control<{ session: { id: number } }>(
      'POST',
      `/tenants/${TENANT}/sessions`,
      { packageId, guest: { name: 'Jana' }, message: 'Dobrý den' },
    );
    expect(response.status).toBe(201);
    if (drain) await sandbox.control('POST', '/deliveries/drain', { timeoutMs: 5000 });
    return String(response.body.session.id);
  };

  const setFileSending = async (enabled: boolean): Promise<void> => {
    const { authorization } = await panelSession(
      t,
      { tenantId: TENANT, secrets: { panelTokenSecret: installation.panelTokenSecret } },
      ['admin'],
    );
    const current = await fetch(`${t.baseUrl}/api/settings`, { headers: { authorization } });
    const { version } = (await current.json()) as { version: number };
    const response = await fetch(`${t.baseUrl}/api/settings`, {
      method: 'PATCH',
      headers: { authorization, 'content-type': 'application/json', 'if-match': `"${version}"` },
      body: JSON.stringify({ values: { 'chat.clientFileSending': { enabled } } }),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    sandbox = await startSandboxProcess({ SANDBOX_HOOK_BUDGET_MS: '2000' });
    t = await startTestApp({ env: { INBOX_POLL_MS: '50' } });
    const events = t.app.get(EventEmitter2);
    for (const name of [
      'host.SessionCreated',
      'host.SessionStarted',
      'host.SessionActivityChatMessage',
    ]) {
      events.on(name, (event: HostEvent) => {
        published.push(event);
      });
    }
    const packages = await sandbox.control<{ packageId: number }[]>(
      'GET',
      `/tenants/${TENANT}/packages`,
    );
    packageId = packages.body[0]!.packageId;
    await install();
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('registers its webhooks on the host at install', async () => {
    const [registration] = await eventually(
      async () => {
        const found = await registrations();
        return found.length > 0 ? found : undefined;
      },
      15_000,
      'the webhook registration on the sandbox',
    );
    expect(registration?.callbackUrl).toBe(`${t.baseUrl}/webhooks/${TENANT}`);
    expect(registration?.eventTypes).toEqual(
      expect.arrayContaining(['SessionCreated', 'SessionEnded', 'GuestDisconnected']),
    );
    // The host answers before Switchboard records the outcome.
    const row = await eventually(
      async () =>
        (
          await sql(
            t,
            "select state, host_webhook_id from host_webhook_registration where tenant_id = ? and state = 'registered'",
            [TENANT],
          )
        )[0],
      10_000,
      'the registration recorded',
    );
    expect(row).toMatchObject({ state: 'registered', host_webhook_id: registration?.id });
  });

  it('ingests the events of a client session and publishes them internally', async () => {
    const sessionId = await newSession();
    const inbox = await eventually(
      async () => {
        const rows = await sql(
          t,
          "select event_type, state, dedupe_key from inbox where tenant_id = ? and state = 'done'",
          [TENANT],
        );
        return rows.some((r) => r['event_type'] === 'SessionCreated') ? rows : undefined;
      },
      10_000,
      'SessionCreated in the inbox',
    );
    expect(inbox.every((r) => String(r['dedupe_key']).startsWith('wh:'))).toBe(true);
    expect(createdSessionIds(published).filter((id) => id === sessionId)).toHaveLength(1);
    expect(published.every((e) => e.tenantId === TENANT)).toBe(true);
    // The sandbox saw its deliveries accepted.
    const deliveries = (
      await sandbox.control<{ eventType: string; outcome: string }[]>(
        'GET',
        `/deliveries?tenantId=${TENANT}&eventType=SessionCreated`,
      )
    ).body;
    expect(deliveries.length).toBeGreaterThan(0);
  });

  it('decides a client file upload from the settings; the sandbox obeys and records it', async () => {
    const sessionId = await newSession();
    await setFileSending(false);
    const refused = await sandbox.control<{ allowed: boolean; reason: string }>(
      'POST',
      `/sessions/${sessionId}/files`,
      { name: 'smlouva.pdf', contentType: 'application/pdf', size: 2048 },
    );
    expect(refused.body).toMatchObject({ allowed: false, reason: 'client_file_sending_disabled' });
    const decisions = (
      await sandbox.control<HookDecision[]>(
        'GET',
        `/hook-decisions?tenantId=${TENANT}&hook=fileUpload`,
      )
    ).body;
    expect(decisions.at(-1)).toMatchObject({
      usedDefault: false,
      defaultReason: null,
      decision: { decision: 'refuse', reason: 'client_file_sending_disabled' },
      response: { decidedBy: 'settings' },
    });

    await setFileSending(true);
    const allowed = await sandbox.control<{ allowed: boolean }>(
      'POST',
      `/sessions/${sessionId}/files`,
      {
        name: 'smlouva.pdf',
        contentType: 'application/pdf',
        size: 2048,
      },
    );
    expect(allowed.body.allowed).toBe(true);
  });

  it('survives duplicated and shuffled deliveries: each event processed once', async () => {
    await sandbox.control('PUT', '/faults/delivery', {
      duplicate: { copies: 2 },
      shuffle: { batchSize: 6, windowMs: 100 },
    });
    const before = published.length;
    const sessionIds = [await newSession(false), await newSession(false), await newSession(false)];
    await sandbox.control('POST', '/deliveries/drain', { timeoutMs: 10_000 });
    await sandbox.control('DELETE', '/faults/delivery');
    const duplicated = (
      await sandbox.control<{ eventType: string }[]>(
        'GET',
        `/deliveries?tenantId=${TENANT}&eventType=SessionCreated`,
      )
    ).body;
    // The host really sent copies: more deliveries than events.
    expect(duplicated.length).toBeGreaterThan(sessionIds.length);
    await eventually(
      async () => {
        const pending = await sql(
          t,
          "select id from inbox where tenant_id = ? and state in ('pending', 'processing')",
          [TENANT],
        );
        return pending.length === 0 ? true : undefined;
      },
      10_000,
      'the inbox to settle',
    );
    const created = createdSessionIds(published.slice(before));
    expect(created.sort()).toEqual([...sessionIds].sort());
  }, 30_000);

  it('ingests from a v1-only host with the Basic credentials it registered', async () => {
    expect((await sandbox.control('PUT', '/mode', { v1Only: true })).status).toBe(200);
    await install();
    const [registration] = await eventually(
      async () => {
        const found = await registrations();
        return found.some((w) => new URL(w.callbackUrl).username !== '') ? found : undefined;
      },
      15_000,
      'a v1 registration with credentials',
    );
    expect(registration).toBeDefined();
    const url = new URL(registration!.callbackUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${t.baseUrl}/webhooks/${TENANT}`);
    expect(registration?.eventTypes).not.toContain('GuestDisconnected');

    const sessionId = await newSession();
    const row = await eventually(
      async () => {
        const rows = await sql(
          t,
          "select dedupe_key, state, payload from inbox where tenant_id = ? and event_type = 'SessionCreated' and dedupe_key like 'v1:%'",
          [TENANT],
        );
        return rows.find((r) => r['state'] === 'done');
      },
      10_000,
      'a v1 SessionCreated processed',
    );
    expect(row['dedupe_key']).toMatch(/^v1:SessionCreated:/);
    expect(createdSessionIds(published).filter((id) => id === sessionId)).toHaveLength(1);
  });
});
