import { MikroORM } from '@mikro-orm/core';
import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
import { eventually, sql } from './support/host-deliveries.js';
import {
  startAdmissionEnv,
  TENANT,
  type AdmissionEnv,
} from './fixtures/admission/sandbox-tenant.js';

// Sandbox round trips on a shared two-core machine: generous per-test time, no timing asserted.
jest.setTimeout(60_000);

interface CallbackResult {
  accepted: boolean;
  usedDefault: boolean;
  retryAt: string | null;
  reason: string | null;
  session: { id: number; phoneCallbackNumber: string | null };
}

const none = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/** Callbacks end to end: same-number blocking (setting 10) and offline callback (setting 9). */
describe('callbacks', () => {
  let env: AdmissionEnv;

  const requestCallback = async (phoneNumber: string): Promise<CallbackResult> => {
    const response = await env.sandbox.control<CallbackResult>(
      'POST',
      `/tenants/${TENANT}/callbacks`,
      {
        packageId: env.packageIds[1],
        phoneNumber,
      },
    );
    expect(response.status).toBe(201);
    return response.body;
  };

  const hook = (segment: string, body: Record<string, unknown>): Promise<Record<string, unknown>> =>
    env.hook(segment, body);

  beforeAll(async () => {
    env = await startAdmissionEnv();
    await env.install(false);
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  }, 120_000);

  describe('same-number blocking', () => {
    it('accepts exactly one of 50 concurrent requests from one number, the next right after the period', async () => {
      // Long enough that the whole burst lands inside one blocking period even on a loaded machine.
      await env.setSettings({ 'chat.callbackNumberBlock': 30 });
      const spellings = [
        '+420 777 123 456',
        '777123456',
        '00420777123456',
        '777 123 456',
        '+420777123456',
      ];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          requestCallback(spellings[index % spellings.length]!),
        ),
      );
      // Every answer came from Switchboard, none from the host's safe default.
      expect(results.every((r) => !r.usedDefault)).toBe(true);
      const accepted = results.filter((r) => r.accepted);
      expect(accepted).toHaveLength(1);
      const refused = results.filter((r) => !r.accepted);
      expect(refused.every((r) => r.reason === 'number_blocked')).toBe(true);
      const retryAt = new Set(refused.map((r) => r.retryAt));
      expect(retryAt.size).toBe(1);
      // The host stored the number as Switchboard normalised it, and ended every refused request.
      for (const result of refused.slice(0, 5)) {
        const session = await env.session(result.session.id);
        expect(session).toMatchObject({
          status: 'CLOSED',
          phoneCallbackNumber: '+420777123456',
          result: 'callback_refused:number_blocked',
        });
      }
      expect((await env.session(accepted[0]!.session.id)).status).toBe('IN_QUEUE');

      const until = Date.parse([...retryAt][0]!);
      expect(until).toBeGreaterThan(Date.now());
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now()) + 50));
      expect((await requestCallback('777 123 456')).accepted).toBe(true);
      expect((await requestCallback('777 123 456')).accepted).toBe(false);
    }, 120_000);

    it('applies a changed blocking period to the next request; 0 switches blocking off', async () => {
      await env.setSettings({ 'chat.callbackNumberBlock': 0 });
      expect((await requestCallback('+420 603 111 222')).accepted).toBe(true);
      expect((await requestCallback('603111222')).accepted).toBe(true);
      await env.setSettings({ 'chat.callbackNumberBlock': 24 * 3600 });
      expect((await requestCallback('603111222')).accepted).toBe(true);
      const refused = await requestCallback('603 111 222');
      expect(refused).toMatchObject({ accepted: false, reason: 'number_blocked' });
      expect(Date.parse(refused.retryAt!) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
      // Shortening the period frees the number at once: the period is read per request.
      await env.setSettings({ 'chat.callbackNumberBlock': 1 });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await requestCallback('603111222')).accepted).toBe(true);
    });

    it('refuses a number that is no phone number, and a repeated call for one session is accepted again', async () => {
      expect(await hook('callback-request', { phoneNumber: 'call me maybe' })).toMatchObject({
        decision: 'refuse',
        reason: 'invalid_number',
      });
      await env.setSettings({ 'chat.callbackNumberBlock': 600 });
      const first = await hook('callback-request', {
        sessionId: '555001',
        phoneNumber: '737 000 111',
      });
      const repeated = await hook('callback-request', {
        sessionId: '555001',
        phoneNumber: '+420737000111',
      });
      const other = await hook('callback-request', {
        sessionId: '555002',
        phoneNumber: '737000111',
      });
      expect(first).toMatchObject({ decision: 'accept', normalizedNumber: '+420737000111' });
      expect(repeated).toMatchObject({ decision: 'accept' });
      expect(other).toMatchObject({ decision: 'refuse', reason: 'number_blocked' });
    });
  });

  describe('offline callback', () => {
    const leave = (
      leftAt: string,
      contact: Record<string, unknown>,
      sessionId = String(Date.now()),
    ) =>
      hook('client-left-queue', {
        sessionId,
        packageId: env.packageIds[0],
        leftAt,
        cause: 'PageClosed',
        contact,
      });

    it('decides at the interval edges and across a daylight-saving change, in the tenant time zone', async () => {
      await env.setPackageSetting(env.packageIds[0]!, 'chat.offlineCallback', {
        enabled: true,
        timeZone: 'Europe/Prague',
        weeklyHours: {
          ...none,
          mon: [{ start: '08:00', end: '12:00' }],
          sun: [{ start: '08:00', end: '12:00' }],
        },
        exceptions: [{ date: '2026-12-07', intervals: [] }],
      });
      const phone = { phoneNumber: '777 222 333' };
      const decide = async (leftAt: string): Promise<unknown> =>
        (await leave(leftAt, phone))['decision'];
      // Monday 2026-11-30, UTC+1: 08:00 local is 07:00 UTC; 12:00 is excluded.
      expect(await decide('2026-11-30T06:59:59Z')).toBe('drop');
      expect(await decide('2026-11-30T07:00:00Z')).toBe('keep_offline_callback');
      expect(await decide('2026-11-30T10:59:59Z')).toBe('keep_offline_callback');
      expect(await decide('2026-11-30T11:00:00Z')).toBe('drop');
      // An exception date without intervals closes that Monday.
      expect(await decide('2026-12-07T08:00:00Z')).toBe('drop');
      // Sunday 2026-03-29 summer time starts: 08:00 local is 06:00 UTC; a week before, 07:00 UTC.
      expect(await decide('2026-03-29T06:00:00Z')).toBe('keep_offline_callback');
      expect(await decide('2026-03-22T06:00:00Z')).toBe('drop');
      // Sunday 2026-10-25 summer time ends: 11:59 local is 10:59 UTC, 12:00 local 11:00 UTC.
      expect(await decide('2026-10-25T10:59:00Z')).toBe('keep_offline_callback');
      expect(await decide('2026-10-25T11:00:00Z')).toBe('drop');
    });

    it('drops a client who left no phone number or e-mail', async () => {
      expect((await leave('2026-11-30T08:00:00Z', { name: 'Jana' }))['decision']).toBe('drop');
      expect((await leave('2026-11-30T08:00:00Z', { email: 'not an address' }))['decision']).toBe(
        'drop',
      );
      expect((await leave('2026-11-30T08:00:00Z', { email: 'Jana@Example.cz' }))['decision']).toBe(
        'keep_offline_callback',
      );
    });

    it('keeps a leaving client queued and flagged; the operator who takes it gets the contact details', async () => {
      const now = new Date();
      const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[
        new Date(now.toLocaleString('en-US', { timeZone: 'Europe/Prague' })).getDay()
      ]!;
      const allDay = { ...none, [weekday]: [{ start: '00:00', end: '24:00' }] };
      await env.setPackageSetting(env.packageIds[0]!, 'chat.offlineCallback', {
        enabled: true,
        timeZone: 'Europe/Prague',
        weeklyHours: allDay,
        exceptions: [],
      });
      const created = await env.sandbox.control<{ session: { id: number } }>(
        'POST',
        `/tenants/${TENANT}/sessions`,
        {
          packageId: env.packageIds[0],
          guest: { name: 'Jana Nováková', phone: '777 444 555', email: 'Jana@Example.cz' },
        },
      );
      const sessionId = created.body.session.id;
      const left = await env.sandbox.control<{ keptQueued: boolean; usedDefault: boolean }>(
        'POST',
        `/sessions/${sessionId}/leave`,
      );
      expect(left.body).toEqual({ keptQueued: true, usedDefault: false });
      expect(await env.session(sessionId)).toMatchObject({
        status: 'IN_QUEUE',
        offlineCallback: true,
      });

      const [taker, other] = env.operatorIds as [number, number];
      await env.sandbox.control('POST', `/sessions/${sessionId}/accept`, { userId: taker });
      await env.drain();
      const read = (authorization: string): Promise<Response> =>
        fetch(`${env.t.baseUrl}/api/offline-callbacks/${sessionId}`, {
          headers: { authorization },
        });
      const forTaker = await eventually(
        async () => {
          const response = await read(await env.operator(taker));
          return response.status === 200
            ? ((await response.json()) as Record<string, unknown>)
            : undefined;
        },
        10_000,
        'the taker recorded',
      );
      expect(forTaker).toMatchObject({
        sessionId: String(sessionId),
        contact: { name: 'Jana Nováková', phone: '+420777444555', email: 'jana@example.cz' },
        takenBy: String(taker),
      });
      const forOther = await read(await env.operator(other));
      expect(forOther.status).toBe(403);
      expect(await forOther.json()).toMatchObject({ code: 'not_callback_taker' });

      // Anonymizing the session erases the contact details it kept.
      const results = await env.t.app
        .get(MikroORM)
        .em.fork()
        .transactional((em) =>
          env.t.app
            .get(SessionErasureRegistry)
            .eraseSession({ tenantId: TENANT, sessionId: String(sessionId) }, em),
        );
      expect(results.find((r) => r.owner === 'callbacks')).toMatchObject({
        category: 'callback_contact',
        erased: 1,
      });
      expect((await read(await env.operator(taker))).status).toBe(404);

      // Outside the hours (the setting switched off) the same departure drops the session.
      await env.setPackageSetting(env.packageIds[0]!, 'chat.offlineCallback', { enabled: false });
      const second = await env.sandbox.control<{ session: { id: number } }>(
        'POST',
        `/tenants/${TENANT}/sessions`,
        {
          packageId: env.packageIds[0],
          guest: { phone: '777 444 555' },
        },
      );
      const dropped = await env.sandbox.control<{ keptQueued: boolean }>(
        'POST',
        `/sessions/${second.body.session.id}/leave`,
      );
      expect(dropped.body.keptQueued).toBe(false);
      expect((await env.session(second.body.session.id)).status).toBe('CLOSED');
      const stored = await sql(
        env.t,
        'select session_id from offline_callback where tenant_id = ? and session_id = ?',
        [TENANT, String(second.body.session.id)],
      );
      expect(stored).toEqual([]);
    });
  });

  describe('on a v1-only host', () => {
    it('ends a callback session whose number is blocked, right after SessionCreated', async () => {
      await env.install(true);
      await env.setSettings({ 'chat.callbackNumberBlock': 600 });
      const first = await requestCallback('608 123 987');
      const second = await requestCallback('+420608123987');
      // The host asks no hook: both are accepted at first.
      expect(first.accepted && second.accepted).toBe(true);
      await env.drain();
      const ended = await eventually(
        async () => {
          const session = await env.session(second.session.id);
          return session.ended !== null ? session : undefined;
        },
        15_000,
        'the blocked callback session to end',
      );
      expect(ended.status).toBe('CLOSED');
      expect((await env.session(first.session.id)).status).toBe('IN_QUEUE');
    });
  });
});
