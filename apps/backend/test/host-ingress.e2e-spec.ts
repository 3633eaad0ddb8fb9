import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { generateWebhookSecret } from '@switchboard/host-contract';
import type { HostEvent } from '../src/host/host.events.js';
import { basicAuthorization, webhookBasicCredentials } from '../src/host/webhook-credentials.js';
import { startFakeHost, type FakeHost } from './support/fake-host.js';
import { deliver, eventually, sessionCreated, sql } from './support/host-deliveries.js';
import { installTenant, type InstalledTenant, panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface InboxRow {
  id: number;
  state: string;
  attempts: number;
  last_error: string | null;
  event_type: string;
  dedupe_key: string;
}

describe('webhook ingress and the inbox', () => {
  let t: TestApp;
  let host: FakeHost;
  let signed: InstalledTenant;
  let v1: InstalledTenant;
  /** Every host.SessionCreated the app published, as the test listener saw it. */
  const seen: HostEvent<'SessionCreated'>[] = [];
  /** Session ids whose processing fails, with how many more times. */
  const failing = new Map<string, number>();

  const inbox = async (tenantId: string): Promise<InboxRow[]> =>
    (await sql(
      t,
      'select id, state, attempts, last_error, event_type, dedupe_key from inbox where tenant_id = ? order by id',
      [tenantId],
    )) as unknown as InboxRow[];

  beforeAll(async () => {
    host = await startFakeHost();
    t = await startTestApp({
      env: { INBOX_MAX_ATTEMPTS: '3', INBOX_RETRY_BASE_MS: '30', INBOX_POLL_MS: '50' },
    });
    t.app.get(EventEmitter2).on('host.SessionCreated', (event: HostEvent<'SessionCreated'>) => {
      const id = event.envelope.data.id;
      const failures = failing.get(id) ?? 0;
      if (failures > 0) {
        failing.set(id, failures - 1);
        throw new Error(`listener failed for ${id}`);
      }
      seen.push(event);
    });
    signed = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
    v1 = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl, capabilities: [] });
  });

  afterAll(async () => {
    await t.close();
    await host.close();
  });

  const seenFor = (tenantId: string, sessionId: string): HostEvent<'SessionCreated'>[] =>
    seen.filter((e) => e.tenantId === tenantId && e.envelope.data.id === sessionId);

  it('accepts a signed delivery (202), processes it and publishes host.SessionCreated', async () => {
    const response = await deliver(t, signed.tenantId, sessionCreated(1001), {
      secret: signed.secrets.webhookSecret,
      webhookId: 'msg_first',
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: number; status: string };
    expect(body.status).toBe('accepted');
    const [event] = await eventually(() => {
      const found = seenFor(signed.tenantId, '1001');
      return found.length > 0 ? found : undefined;
    });
    expect(event).toMatchObject({
      tenantId: signed.tenantId,
      inboxId: body.id,
      envelope: { eventType: 'SessionCreated', data: { id: '1001', channel: 'Chat' } },
    });
    await eventually(async () =>
      (await inbox(signed.tenantId)).find((r) => r.id === body.id)?.state === 'done'
        ? true
        : undefined,
    );
    const [row] = (await inbox(signed.tenantId)).filter((r) => r.id === body.id);
    expect(row).toMatchObject({ state: 'done', attempts: 1, dedupe_key: 'wh:msg_first' });
  });

  it('answers a replayed webhook-id with 200 and processes it only once', async () => {
    const first = await deliver(t, signed.tenantId, sessionCreated(1002), {
      secret: signed.secrets.webhookSecret,
      webhookId: 'msg_replayed',
    });
    expect(first.status).toBe(202);
    const again = await deliver(t, signed.tenantId, sessionCreated(1002), {
      secret: signed.secrets.webhookSecret,
      webhookId: 'msg_replayed',
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate' });
    await eventually(() => (seenFor(signed.tenantId, '1002').length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenFor(signed.tenantId, '1002')).toHaveLength(1);
    expect(
      (await inbox(signed.tenantId)).filter((r) => r.dedupe_key === 'wh:msg_replayed'),
    ).toHaveLength(1);
  });

  it.each([
    ['a forged signature', () => ({ secret: generateWebhookSecret() }), 'invalid_signature'],
    ['no signature at all', () => ({}), 'invalid_signature'],
    [
      'a stale timestamp',
      () => ({
        secret: signed.secrets.webhookSecret,
        timestamp: Math.floor(Date.now() / 1000) - 600,
      }),
      'stale_timestamp',
    ],
    [
      'a timestamp from the future',
      () => ({
        secret: signed.secrets.webhookSecret,
        timestamp: Math.floor(Date.now() / 1000) + 600,
      }),
      'stale_timestamp',
    ],
  ])('refuses %s with 401 and stores nothing', async (_name, options, code) => {
    const before = (await inbox(signed.tenantId)).length;
    const response = await deliver(t, signed.tenantId, sessionCreated(2001), options());
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, code });
    expect(await inbox(signed.tenantId)).toHaveLength(before);
  });

  it("refuses a delivery signed with another tenant's secret (wrong secret)", async () => {
    const response = await deliver(t, signed.tenantId, sessionCreated(2002), {
      secret: v1.secrets.webhookSecret,
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'invalid_signature' });
  });

  it('refuses malformed JSON with 400 malformed_json and a non-envelope with 400 invalid_envelope', async () => {
    const malformed = await deliver(t, signed.tenantId, '{"eventType": "SessionCreated", ', {
      secret: signed.secrets.webhookSecret,
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'malformed_json' });
    const notEnvelope = await deliver(
      t,
      signed.tenantId,
      { hello: 'world' },
      {
        secret: signed.secrets.webhookSecret,
      },
    );
    expect(notEnvelope.status).toBe(400);
    expect(await notEnvelope.json()).toMatchObject({ code: 'invalid_envelope' });
  });

  it('refuses an oversized body with 413 and an unknown tenant with 404', async () => {
    const huge = { eventType: 'SessionCreated', data: { id: 1, padding: 'x'.repeat(300 * 1024) } };
    const tooLarge = await deliver(t, signed.tenantId, huge, {
      secret: signed.secrets.webhookSecret,
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ code: 'payload_too_large' });
    const unknown = await deliver(t, 'no-such-tenant', sessionCreated(1), {
      secret: signed.secrets.webhookSecret,
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'tenant_not_found' });
  });

  it('parks an unknown event type and a payload breaking the contract as dead letters (202)', async () => {
    const unknown = await deliver(
      t,
      signed.tenantId,
      { eventType: 'SomethingNew', data: { x: 1 } },
      { secret: signed.secrets.webhookSecret },
    );
    expect(unknown.status).toBe(202);
    expect(await unknown.json()).toMatchObject({ status: 'parked' });
    const broken = await deliver(
      t,
      signed.tenantId,
      { eventType: 'SessionCreated', data: { id: 'not-a-number' } },
      { secret: signed.secrets.webhookSecret },
    );
    expect(broken.status).toBe(202);
    const admin = await panelSession(t, signed, ['admin']);
    const list = await fetch(
      `${t.baseUrl}/api/inbox/dead-letters?sort=${encodeURIComponent('["id","ASC"]')}`,
      { headers: { authorization: admin.authorization } },
    );
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toMatch(/^dead-letters 0-1\/2$/);
    const rows = (await list.json()) as {
      eventType: string;
      lastError: string;
      attempts: number;
    }[];
    expect(rows[0]).toMatchObject({
      eventType: 'SomethingNew',
      lastError: 'unknown_event',
      attempts: 0,
    });
    expect(rows[1]?.eventType).toBe('SessionCreated');
    expect(rows[1]?.lastError).toMatch(/^invalid_payload: data\.id/);
    // Admins only.
    const viewer = await panelSession(t, signed, ['viewer']);
    const denied = await fetch(`${t.baseUrl}/api/inbox/dead-letters`, {
      headers: { authorization: viewer.authorization },
    });
    expect(denied.status).toBe(403);
  });

  it('ingests v1 deliveries with the Basic credentials, deduping them by payload', async () => {
    const authorization = basicAuthorization(
      webhookBasicCredentials(v1.tenantId, v1.secrets.webhookSecret),
    );
    const body = sessionCreated(3001);
    const first = await deliver(t, v1.tenantId, body, { authorization });
    expect(first.status).toBe(202);
    const retried = await deliver(t, v1.tenantId, body, { authorization });
    expect(retried.status).toBe(200);
    const wrong = await deliver(t, v1.tenantId, body, {
      authorization: basicAuthorization({
        username: `switchboard-${v1.tenantId}`,
        password: 'guess',
      }),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'invalid_credentials' });
    // A signature does not replace the credentials a v1 host was given.
    const signedOnly = await deliver(t, v1.tenantId, sessionCreated(3002), {
      secret: v1.secrets.webhookSecret,
    });
    expect(signedOnly.status).toBe(401);
    await eventually(() => (seenFor(v1.tenantId, '3001').length > 0 ? true : undefined));
    const rows = await inbox(v1.tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.dedupe_key).toMatch(/^v1:SessionCreated:/);
  });

  it('has every effect exactly once under 1,000 duplicated, shuffled deliveries of 200 events', async () => {
    const tenant = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
    const events = Array.from({ length: 200 }, (_, index) => ({
      webhookId: `msg_bulk_${index}`,
      body: sessionCreated(500_000 + index),
    }));
    // Every event at least once, the rest random duplicates, then shuffled.
    const deliveries = [...events];
    while (deliveries.length < 1000) {
      const pick = events[Math.floor(Math.random() * events.length)];
      if (pick !== undefined) deliveries.push(pick);
    }
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < deliveries.length) {
          const delivery = deliveries[next++]!;
          const response = await deliver(t, tenant.tenantId, delivery.body, {
            secret: tenant.secrets.webhookSecret,
            webhookId: delivery.webhookId,
          });
          statuses.push(response.status);
          await response.arrayBuffer();
        }
      }),
    );
    expect(statuses.filter((s) => s === 202)).toHaveLength(200);
    expect(statuses.filter((s) => s === 200)).toHaveLength(800);
    await eventually(
      async () =>
        (await inbox(tenant.tenantId)).every((row) => row.state === 'done') ? true : undefined,
      30_000,
      'all 200 rows done',
    );
    const rows = await inbox(tenant.tenantId);
    expect(rows).toHaveLength(200);
    const effects = seen.filter((e) => e.tenantId === tenant.tenantId);
    expect(effects).toHaveLength(200);
    expect(new Set(effects.map((e) => e.envelope.data.id)).size).toBe(200);
    expect(new Set(effects.map((e) => e.inboxId)).size).toBe(200);
  }, 60_000);

  it('retries a failing message with backoff, parks it after N attempts, and retries it via the API', async () => {
    failing.set('4001', Number.POSITIVE_INFINITY);
    const response = await deliver(t, signed.tenantId, sessionCreated(4001), {
      secret: signed.secrets.webhookSecret,
      webhookId: 'msg_poison',
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: number };
    const dead = await eventually(
      async () => (await inbox(signed.tenantId)).find((r) => r.id === id && r.state === 'dead'),
      10_000,
      'the message to die',
    );
    expect(dead.attempts).toBe(3);
    expect(dead.last_error).toBe('listener failed for 4001');
    expect(seenFor(signed.tenantId, '4001')).toHaveLength(0);

    const admin = await panelSession(t, signed, ['admin']);
    const list = await fetch(
      `${t.baseUrl}/api/inbox/dead-letters?filter=${encodeURIComponent(JSON.stringify({ id: [id] }))}`,
      { headers: { authorization: admin.authorization } },
    );
    expect(await list.json()).toMatchObject([
      { id, attempts: 3, lastError: 'listener failed for 4001' },
    ]);

    failing.delete('4001');
    const retry = await fetch(`${t.baseUrl}/api/inbox/dead-letters/${id}/retry`, {
      method: 'POST',
      headers: { authorization: admin.authorization },
    });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id, state: 'pending', attempts: 0 });
    await eventually(() => (seenFor(signed.tenantId, '4001').length === 1 ? true : undefined));
    await eventually(async () =>
      (await inbox(signed.tenantId)).find((r) => r.id === id)?.state === 'done' ? true : undefined,
    );
    // Retrying again: it is no longer dead.
    const twice = await fetch(`${t.baseUrl}/api/inbox/dead-letters/${id}/retry`, {
      method: 'POST',
      headers: { authorization: admin.authorization },
    });
    expect(twice.status).toBe(404);
    expect(await twice.json()).toMatchObject({ code: 'dead_letter_not_found' });
    const audit = await sql(
      t,
      "select action, target_id from audit_entry where tenant_id = ? and action = 'inbox.dead_letter_retried'",
      [signed.tenantId],
    );
    expect(audit).toEqual([{ action: 'inbox.dead_letter_retried', target_id: String(id) }]);
  });

  it('keeps a message whose listener fails transiently and processes it on a later attempt', async () => {
    failing.set('4002', 1);
    const response = await deliver(t, signed.tenantId, sessionCreated(4002), {
      secret: signed.secrets.webhookSecret,
      webhookId: `msg_${randomUUID()}`,
    });
    const { id } = (await response.json()) as { id: number };
    const row = await eventually(async () =>
      (await inbox(signed.tenantId)).find((r) => r.id === id && r.state === 'done'),
    );
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBeNull();
    expect(seenFor(signed.tenantId, '4002')).toHaveLength(1);
  });
});
