import { MikroORM } from '@mikro-orm/core';
import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
import { eventually, sql } from './support/host-deliveries.js';
import {
  startAdmissionEnv,
  TENANT,
  type AdmissionEnv,
} from './fixtures/admission/sandbox-tenant.js';

interface CreateResult {
  session: { id: number; status: string; blacklisted: boolean };
  admitted: boolean;
}

interface BanView {
  id: number;
  kind: string;
  value: string;
  status: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

// Sandbox round trips on a shared two-core machine: generous per-test time, no timing asserted.
jest.setTimeout(60_000);

/** Bans (setting 3) end to end: the panel and operator API, the admission hook, the sandbox. */
describe('bans', () => {
  let env: AdmissionEnv;

  const ban = async (authorization: string, body: Record<string, unknown>): Promise<Response> =>
    fetch(`${env.t.baseUrl}/api/bans`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Abusive language', ...body }),
    });

  const arrive = async (guest: Record<string, unknown>): Promise<CreateResult> => {
    const response = await env.sandbox.control<CreateResult>(
      'POST',
      `/tenants/${TENANT}/sessions`,
      {
        packageId: env.packageIds[0],
        guest,
        message: 'Dobrý den',
      },
    );
    expect(response.status).toBe(201);
    return response.body;
  };

  const admission = (guest: Record<string, unknown>): Promise<Record<string, unknown>> =>
    env.hook('session-admission', {
      sessionId: String(Date.now()),
      channel: 'Chat',
      source: 'Default',
      guest,
    });

  beforeAll(async () => {
    env = await startAdmissionEnv();
    await env.install(false);
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  }, 120_000);

  it('lets operators ban only while setting 3 is on (403 ban_not_allowed, audited); supervisors always', async () => {
    const operator = await env.operator(env.operatorIds[0]!);
    await env.setSettings({
      'general.operatorsMayBan': { enabled: false, offeredDurations: ['1h'] },
    });
    const refused = await ban(operator, { kind: 'messenger', value: 'wa:1', duration: '1h' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ban_not_allowed' });
    const denials = await sql(
      env.t,
      "select outcome from audit_entry where tenant_id = ? and action = 'ban.create' and outcome = 'denied'",
      [TENANT],
    );
    expect(denials).toHaveLength(1);
    const permissions = await fetch(`${env.t.baseUrl}/api/bans/permissions`, {
      headers: { authorization: operator },
    });
    expect(await permissions.json()).toEqual({ mayBan: false, durations: [], customExpiry: false });

    const supervisor = await env.panel(['supervisor']);
    expect(
      (await ban(supervisor, { kind: 'messenger', value: 'wa:2', duration: '7d' })).status,
    ).toBe(201);

    await env.setSettings({
      'general.operatorsMayBan': { enabled: true, offeredDurations: ['1h', '24h'] },
    });
    const notOffered = await ban(operator, { kind: 'messenger', value: 'wa:3', duration: '7d' });
    expect(notOffered.status).toBe(422);
    expect(await notOffered.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'duration', code: 'duration_not_offered' }],
    });
    const made = await ban(operator, { kind: 'messenger', value: 'wa:3', duration: '24h' });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({
      kind: 'messenger',
      value: 'wa:3',
      status: 'active',
      createdBy: { id: String(env.operatorIds[0]), role: 'operator' },
    });
    const invalid = await ban(supervisor, { kind: 'phone', value: '12', duration: '1h' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      errors: [{ path: 'value', code: 'invalid_identity' }],
    });
  });

  it('a ban by device blocks the same browser and not another', async () => {
    const first = await arrive({ trackedId: 'browser-A', name: 'Jana' });
    expect(first.admitted).toBe(true);
    await env.drain();
    const operator = await env.operator(env.operatorIds[1]!);
    const made = await ban(operator, {
      kind: 'device',
      sessionId: String(first.session.id),
      duration: '1h',
    });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({
      kind: 'device',
      value: 'browser-A',
      sessionId: String(first.session.id),
    });

    const again = await arrive({ trackedId: 'browser-A' });
    expect(again.admitted).toBe(false);
    expect(await env.session(again.session.id)).toMatchObject({
      status: 'BLACKLISTED',
      blacklisted: true,
    });
    const other = await arrive({ trackedId: 'browser-B' });
    expect(other.admitted).toBe(true);
    expect((await env.session(other.session.id)).status).toBe('IN_QUEUE');

    // Anonymizing the session unlinks the ban from it; the ban itself keeps protecting the tenant.
    const results = await env.t.app
      .get(MikroORM)
      .em.fork()
      .transactional((em) =>
        env.t.app
          .get(SessionErasureRegistry)
          .eraseSession({ tenantId: TENANT, sessionId: String(first.session.id) }, em),
      );
    expect(results.find((r) => r.owner === 'bans')).toMatchObject({
      category: 'ban_reference',
      erased: 1,
    });
    const rows = await sql(
      env.t,
      "select session_id from ban where tenant_id = ? and value = 'browser-A'",
      [TENANT],
    );
    expect(rows).toEqual([{ session_id: null }]);
    expect((await arrive({ trackedId: 'browser-A' })).admitted).toBe(false);
  });

  it('a ban by phone blocks a callback from the same number written differently', async () => {
    const supervisor = await env.panel(['supervisor']);
    expect(
      (await ban(supervisor, { kind: 'phone', value: '+420 777 123 456', duration: 'permanent' }))
        .status,
    ).toBe(201);
    for (const phoneNumber of ['+420 777 123 456', '777123456', '00420777123456']) {
      const response = await env.sandbox.control<{
        accepted: boolean;
        reason: string;
        session: { id: number };
      }>('POST', `/tenants/${TENANT}/callbacks`, { packageId: env.packageIds[1], phoneNumber });
      expect(response.body).toMatchObject({ accepted: false, reason: 'not_admitted' });
      expect((await env.session(response.body.session.id)).status).toBe('BLACKLISTED');
    }
    const other = await env.sandbox.control<{ accepted: boolean }>(
      'POST',
      `/tenants/${TENANT}/callbacks`,
      {
        packageId: env.packageIds[1],
        phoneNumber: '777 999 888',
      },
    );
    expect(other.body.accepted).toBe(true);
  });

  it('an expired ban stops blocking on its own and is listed as expired', async () => {
    const admin = await env.panel(['admin']);
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const made = await ban(admin, { kind: 'email', value: 'Spam@Example.com', expiresAt });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as BanView;
    const refusedSession = `9${Date.now()}`;
    expect(
      await env.hook('session-admission', {
        sessionId: refusedSession,
        channel: 'Chat',
        source: 'Default',
        guest: { channelIdentity: 'spam@example.COM' },
      }),
    ).toMatchObject({ decision: 'refuse', reason: 'banned', retryAt: expiresAt });
    // Refusals are audited (the dashboard counts them).
    expect(
      await sql(
        env.t,
        'select action, outcome from audit_entry where tenant_id = ? and target_id = ?',
        [TENANT, refusedSession],
      ),
    ).toEqual([{ action: 'admission.refused', outcome: 'denied' }]);
    await eventually(
      async () =>
        (await admission({ channelIdentity: 'spam@example.com' }))['decision'] === 'admit'
          ? true
          : undefined,
      10_000,
      'the ban to expire',
    );
    const listed = await fetch(
      `${env.t.baseUrl}/api/bans?filter=${encodeURIComponent(JSON.stringify({ status: 'expired' }))}`,
      { headers: { authorization: admin } },
    );
    expect(((await listed.json()) as BanView[]).map((b) => b.id)).toContain(id);
  });

  it('lists, searches, filters and revokes bans; every change is audited', async () => {
    const admin = await env.panel(['admin']);
    const list = async (
      filter: Record<string, unknown>,
    ): Promise<{ rows: BanView[]; range: string | null }> => {
      const response = await fetch(
        `${env.t.baseUrl}/api/bans?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,49]`,
        { headers: { authorization: admin } },
      );
      expect(response.status).toBe(200);
      return {
        rows: (await response.json()) as BanView[],
        range: response.headers.get('content-range'),
      };
    };
    const byNumber = await list({ q: '777 123 456' });
    expect(byNumber.rows.map((b) => b.value)).toEqual(['+420777123456']);
    expect(byNumber.range).toBe('bans 0-0/1');
    const devices = await list({ kind: 'device', status: 'active' });
    expect(devices.rows.map((b) => b.value)).toEqual(['browser-A']);
    const unknownFilter = await fetch(
      `${env.t.baseUrl}/api/bans?filter=${encodeURIComponent('{"colour":"red"}')}`,
      {
        headers: { authorization: admin },
      },
    );
    expect(unknownFilter.status).toBe(422);

    const phoneBan = byNumber.rows[0]!;
    const revoke = (): Promise<Response> =>
      fetch(`${env.t.baseUrl}/api/bans/${phoneBan.id}/revoke`, {
        method: 'POST',
        headers: { authorization: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'Apologised' }),
      });
    const revoked = await revoke();
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ status: 'revoked', revokeNote: 'Apologised' });
    expect((await revoke()).status).toBe(409);
    expect(await admission({ channelIdentity: '777123456' })).toMatchObject({ decision: 'admit' });
    const audited = await sql(
      env.t,
      "select action from audit_entry where tenant_id = ? and action in ('ban.create', 'ban.revoke') and outcome = 'success'",
      [TENANT],
    );
    expect(audited.filter((row) => row['action'] === 'ban.revoke')).toHaveLength(1);
    expect(audited.filter((row) => row['action'] === 'ban.create').length).toBeGreaterThanOrEqual(
      5,
    );
    const viewer = await env.panel(['viewer']);
    const viewerRevoke = await fetch(`${env.t.baseUrl}/api/bans/${phoneBan.id}/revoke`, {
      method: 'POST',
      headers: { authorization: viewer, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(viewerRevoke.status).toBe(403);
  });

  it('on a v1-only host ends the session of a banned client right after SessionCreated', async () => {
    await env.install(true);
    const banned = await arrive({ trackedId: 'browser-A' });
    // The host asks no hook: it admits everyone.
    expect(banned.admitted).toBe(true);
    const allowed = await arrive({ trackedId: 'browser-C' });
    await env.drain();
    const ended = await eventually(
      async () => {
        const session = await env.session(banned.session.id);
        return session.ended !== null ? session : undefined;
      },
      15_000,
      'the banned session to end',
    );
    expect(ended.status).toBe('CLOSED');
    expect((await env.session(allowed.session.id)).status).toBe('IN_QUEUE');
    const enforced = await sql(
      env.t,
      "select target_id from audit_entry where tenant_id = ? and action = 'ban.enforce'",
      [TENANT],
    );
    expect(enforced.map((row) => row['target_id'])).toEqual([String(banned.session.id)]);
  });
});
