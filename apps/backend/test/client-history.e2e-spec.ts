import { EntityManager } from '@mikro-orm/core';
import { signWidgetToken } from '@switchboard/host-contract';
import { HostApiClientFactory } from '../src/host/host-api-client.factory.js';
import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
import { sql } from './support/host-deliveries.js';
import { type ChatSandbox, startChatSandbox } from './support/chat-sandbox.js';
import { hostToken } from './support/tenants.js';

interface History {
  enabled: boolean;
  reason?: string;
  message?: string;
  total: number;
  sessions: {
    sessionId: string;
    startedAt: string;
    messages: { from: string; text: string; authorName: string | null; kind: string }[];
  }[];
}

describe('client chat history (setting 13) against the host sandbox', () => {
  let chat: ChatSandbox;
  let historyPackage: number;
  let otherPackage: number;
  const deviceA: string[] = [];

  /** The widget token the host hands the widget in a browser. */
  const widgetToken = async (trackedId: string, packageId: number | null): Promise<string> =>
    (
      await chat.control<{ token: string }>('POST', `/tenants/${chat.tenantId}/widget-token`, {
        trackedId,
        ...(packageId === null ? {} : { packageId }),
      })
    ).token;

  const history = async (
    authorization: string,
    query = '',
  ): Promise<{
    status: number;
    body: History & { code?: string; details?: { reason: string } };
    headers: Headers;
  }> => {
    const response = await fetch(`${chat.t.baseUrl}/widget/history${query}`, {
      headers: { authorization },
    });
    return {
      status: response.status,
      body: (await response.json()) as never,
      headers: response.headers,
    };
  };

  const historyOf = async (
    trackedId: string,
    packageId: number | null = historyPackage,
    query = '',
  ): Promise<History> => {
    const answer = await history(`Bearer ${await widgetToken(trackedId, packageId)}`, query);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  /** A conversation of a device that ends; returns the session id. */
  const conversation = async (
    trackedId: string,
    text: string,
    packageId = historyPackage,
  ): Promise<string> => {
    const sessionId = await chat.newSession({ trackedId, packageId, message: text });
    await chat.control('POST', `/sessions/${sessionId}/messages`, {
      from: 'operator',
      userId: chat.operatorIds[0],
      text: `Odpověď na: ${text}`,
    });
    await chat.control('POST', `/sessions/${sessionId}/end`, { userId: chat.operatorIds[0] });
    await chat.settle();
    return sessionId;
  };

  beforeAll(async () => {
    chat = await startChatSandbox();
    [historyPackage, otherPackage] = chat.packageIds as [number, number];
    await chat.setPackageSetting(historyPackage, 'chat.clientHistory', true);
    deviceA.push(await conversation('device-aaa', 'první dotaz zařízení A'));
    deviceA.push(await conversation('device-aaa', 'druhý dotaz zařízení A'));
    await conversation('device-bbb', 'dotaz zařízení B');
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  }, 60_000);

  it('shows a device its own conversations, newest first, with the messages', async () => {
    const answer = await history(`Bearer ${await widgetToken('device-aaa', historyPackage)}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.body).toMatchObject({ enabled: true, total: 2, limit: 10, offset: 0 });
    expect(answer.body.sessions.map((s) => s.sessionId)).toEqual([...deviceA].reverse());
    expect(answer.body.sessions[0]!.messages).toEqual([
      expect.objectContaining({
        from: 'client',
        kind: 'text',
        text: 'druhý dotaz zařízení A',
        authorName: null,
      }),
      expect.objectContaining({
        from: 'operator',
        text: 'Odpověď na: druhý dotaz zařízení A',
        authorName: 'Jana',
      }),
    ]);
    // Nothing stores the tracking id itself.
    const stored = JSON.stringify(await sql(chat.t, 'select * from client_history_entry'));
    expect(stored).not.toContain('device-aaa');
  });

  it('pages newest first', async () => {
    const first = await historyOf('device-aaa', historyPackage, '?limit=1');
    const second = await historyOf('device-aaa', historyPackage, '?limit=1&offset=1');
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([...first.sessions, ...second.sessions].map((s) => s.sessionId)).toEqual(
      [...deviceA].reverse(),
    );
    const invalid = await history(
      `Bearer ${await widgetToken('device-aaa', historyPackage)}`,
      '?limit=500',
    );
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ code: 'validation_failed' });
  });

  it('shows another device only its own, and a new device nothing', async () => {
    const other = await historyOf('device-bbb');
    expect(other.sessions.map((s) => s.messages[0]?.text)).toEqual(['dotaz zařízení B']);
    expect(await historyOf('device-never-seen')).toMatchObject({
      enabled: true,
      total: 0,
      sessions: [],
    });
  });

  it('answers that history is disabled where it is off, and keeps nothing from there', async () => {
    const sessionId = await conversation(
      'device-aaa',
      'dotaz v balíčku bez historie',
      otherPackage,
    );
    expect(await historyOf('device-aaa', otherPackage)).toEqual({
      enabled: false,
      reason: 'history_disabled',
      message: 'Historie chatu je pro tento chat vypnutá.',
      sessions: [],
      total: 0,
    });
    expect(
      await sql(chat.t, 'select id from client_history_entry where session_id = ?', [sessionId]),
    ).toEqual([]);
  });

  it('never shows an anonymized session: anonymized on the host or by Switchboard', async () => {
    const [older, newer] = deviceA as [string, string];
    await (
      await chat.t.app.get(HostApiClientFactory).forTenant(chat.tenantId)
    ).anonymizeSession(newer);
    const afterHost = await historyOf('device-aaa');
    expect(afterHost.sessions.map((s) => s.sessionId)).toEqual([older]);
    expect(afterHost.total).toBe(1);
    expect(
      await sql(chat.t, 'select id from client_history_entry where session_id = ?', [newer]),
    ).toEqual([]);

    const results = await chat.t.app
      .get(EntityManager)
      .fork()
      .transactional((em) =>
        chat.t.app
          .get(SessionErasureRegistry)
          .eraseSession({ tenantId: chat.tenantId, sessionId: older }, em),
      );
    expect(results).toContainEqual({
      owner: 'client-history',
      category: 'history_index',
      erased: 1,
    });
    expect(await historyOf('device-aaa')).toMatchObject({ total: 0, sessions: [] });
  });

  it('admits only a valid widget token of the tenant', async () => {
    const missing = await fetch(`${chat.t.baseUrl}/widget/history`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 'widget_token_required' });

    const panelJwt = await hostToken(chat.installation.panelTokenSecret, {
      tenantId: chat.tenantId,
      roles: ['host'],
    });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      tid: chat.tenantId,
      sub: 'device-bbb',
      aud: 'switchboard',
      iat: now,
      exp: now + 60,
    };
    const cases: [string, string][] = [
      [panelJwt, 'type'],
      [signWidgetToken(claims, 'not-the-tenant-secret-but-long-enough'), 'signature'],
      [
        signWidgetToken({ ...claims, aud: 'someone-else' }, chat.installation.panelTokenSecret),
        'audience',
      ],
      [
        signWidgetToken(
          { ...claims, iat: now - 120, exp: now - 60 },
          chat.installation.panelTokenSecret,
        ),
        'expired',
      ],
      [
        signWidgetToken({ ...claims, exp: now + 2 * 3600 }, chat.installation.panelTokenSecret),
        'malformed',
      ],
      [
        signWidgetToken({ ...claims, tid: 'nobody' }, chat.installation.panelTokenSecret),
        'signature',
      ],
    ];
    for (const [token, reason] of cases) {
      const answer = await history(`Bearer ${token}`);
      expect({
        status: answer.status,
        code: answer.body.code,
        reason: answer.body.details?.reason,
      }).toEqual({
        status: 401,
        code: 'invalid_widget_token',
        reason,
      });
    }
    // And a widget token opens nothing of the panel.
    const panel = await fetch(`${chat.t.baseUrl}/api/settings`, {
      headers: { authorization: `Bearer ${await widgetToken('device-aaa', historyPackage)}` },
    });
    expect(panel.status).toBe(401);
  });

  it('answers the browser preflight', async () => {
    const response = await fetch(`${chat.t.baseUrl}/widget/history`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
