import { InboxRetention } from '../src/host/inbox-retention.service.js';
import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
import { MikroORM } from '@mikro-orm/core';
import { startFakeHost, type FakeHost } from './support/fake-host.js';
import { chatMessageDelivery, deliver, eventually, sql } from './support/host-deliveries.js';
import { installTenant, type InstalledTenant } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const HOUR_MS = 3_600_000;

/**
 * Webhook bodies carry personal data, so the inbox does not keep them: processed deliveries and
 * dead letters expire, and anonymizing a session deletes every delivery about it.
 */
describe('inbox retention and erasure', () => {
  let t: TestApp;
  let host: FakeHost;
  let tenant: InstalledTenant;
  let other: InstalledTenant;

  const store = async (who: InstalledTenant, body: unknown): Promise<number> => {
    const response = await deliver(t, who.tenantId, body, { secret: who.secrets.webhookSecret });
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: number }).id;
  };

  const rows = async (): Promise<{ id: number; state: string; session_id: string | null }[]> =>
    (await sql(t, 'select id, state, session_id from inbox order by id')) as unknown as {
      id: number;
      state: string;
      session_id: string | null;
    }[];

  /** Waits until every stored delivery was processed (done) or parked (dead). */
  const processed = (): Promise<true> =>
    eventually(
      async () =>
        (await rows()).every((row) => row.state === 'done' || row.state === 'dead')
          ? true
          : undefined,
      15_000,
      'the inbox to be processed',
    );

  /** Moves a row to a state as of `ageMs` ago (done or dead rows keep that time in available_at). */
  const age = async (id: number, state: string, ageMs: number): Promise<void> => {
    const at = new Date(Date.now() - ageMs);
    await sql(t, 'update inbox set state = ?, available_at = ? where id = ?', [
      state,
      testDatabaseKind() === 'postgres' ? at : at.getTime(),
      id,
    ]);
  };

  beforeAll(async () => {
    host = await startFakeHost();
    t = await startTestApp({
      env: {
        INBOX_RETENTION_HOURS: '24',
        INBOX_DEAD_RETENTION_DAYS: '7',
        INBOX_POLL_MS: '50',
        INBOX_MAX_ATTEMPTS: '2',
        INBOX_RETRY_BASE_MS: '30',
      },
    });
    tenant = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
    other = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
  });

  afterAll(async () => {
    await t.close();
    await host.close();
  });

  it('records which session each delivery is about', async () => {
    await store(tenant, chatMessageDelivery(501, 1));
    await store(tenant, {
      eventType: 'SessionEnded',
      data: {
        id: '501',
        tenantId: 1,
        channel: 'Chat',
        source: 'Default',
        ended: new Date().toISOString(),
      },
    });
    await store(tenant, { eventType: 'UserStatusChanged', data: { userId: 3, status: 'Online' } });
    // Parked (unknown event type), still findable by its session.
    await store(tenant, { eventType: 'SessionSomethingNew', data: { id: 501 } });
    expect((await rows()).map((row) => row.session_id)).toEqual(['501', '501', null, '501']);
  });

  it("anonymizing a session deletes its deliveries in every state, and nobody else's", async () => {
    const pending = await store(tenant, chatMessageDelivery(502, 2));
    const done = await store(tenant, chatMessageDelivery(502, 3));
    await age(done, 'done', 0);
    const sameIdOtherTenant = await store(other, chatMessageDelivery(502, 4));
    const otherSession = await store(tenant, chatMessageDelivery(503, 5));

    const results = await t.app
      .get(MikroORM)
      .em.fork()
      .transactional((em) =>
        t.app
          .get(SessionErasureRegistry)
          .eraseSession({ tenantId: tenant.tenantId, sessionId: '502' }, em),
      );
    expect(results.find((result) => result.owner === 'inbox')).toEqual({
      owner: 'inbox',
      category: 'webhook_deliveries',
      erased: 2,
    });
    const ids = (await rows()).map((row) => row.id);
    expect(ids).not.toContain(pending);
    expect(ids).not.toContain(done);
    expect(ids).toEqual(expect.arrayContaining([sameIdOtherTenant, otherSession]));
  });

  it('deletes processed deliveries and dead letters after their retention, and nothing newer', async () => {
    await processed();
    const oldDone = await store(tenant, chatMessageDelivery(601, 11));
    const recentDone = await store(tenant, chatMessageDelivery(601, 12));
    const oldDead = await store(tenant, chatMessageDelivery(601, 13));
    const recentDead = await store(tenant, chatMessageDelivery(601, 14));
    const oldButRetried = await store(tenant, chatMessageDelivery(601, 15));
    await processed();
    await age(oldDone, 'done', 25 * HOUR_MS);
    await age(recentDone, 'done', 23 * HOUR_MS);
    await age(oldDead, 'dead', 8 * 24 * HOUR_MS);
    await age(recentDead, 'dead', 6 * 24 * HOUR_MS);
    // A dead letter retried by an admin is pending again (here due in an hour), whatever its age.
    await age(oldButRetried, 'pending', -HOUR_MS);
    const before = (await rows()).length;

    const purged = await t.app.get(InboxRetention).purgeExpired();
    expect(purged).toEqual({ done: 1, dead: 1 });
    const ids = (await rows()).map((row) => row.id);
    expect(ids).toHaveLength(before - 2);
    expect(ids).not.toContain(oldDone);
    expect(ids).not.toContain(oldDead);
    expect(ids).toEqual(expect.arrayContaining([recentDone, recentDead, oldButRetried]));
    expect(await t.app.get(InboxRetention).purgeExpired()).toEqual({ done: 0, dead: 0 });
  });
});
