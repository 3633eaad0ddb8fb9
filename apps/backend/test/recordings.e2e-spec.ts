import { EntityManager } from '@mikro-orm/core';
import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
import { callHook, eventually } from './support/host-deliveries.js';
import { type ChatSandbox, startChatSandbox } from './support/chat-sandbox.js';
import { hostToken, installTenant, type InstalledTenant, panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('AV recording (setting 6): the AV-start hook', () => {
  let t: TestApp;
  let tenant: InstalledTenant;

  const av = async (packageId?: number): Promise<Record<string, unknown>> => {
    const response = await callHook(
      t,
      '/hooks/av-start',
      {
        tenantId: tenant.tenantId,
        requestedAt: new Date().toISOString(),
        sessionId: '901',
        channel: 'AV',
        source: 'Default',
        ...(packageId === undefined ? {} : { packageId }),
      },
      tenant.secrets.webhookSecret,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await installTenant(t, {
      entitlements: ['av'],
      capabilities: ['signedWebhooks', 'decisionHooks'],
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('records per the package override, else the tenant value (default off)', async () => {
    const admin = (await panelSession(t, tenant, ['admin'])).authorization;
    expect(await av(7)).toEqual({ record: false, decidedBy: 'settings' });
    const put = await fetch(`${t.baseUrl}/api/settings/packages/7/chat.avRecording`, {
      method: 'PUT',
      headers: { authorization: admin, 'content-type': 'application/json', 'if-match': '"0"' },
      body: JSON.stringify({ value: true }),
    });
    expect(put.status).toBe(200);
    expect(await av(7)).toEqual({ record: true, decidedBy: 'settings' });
    expect(await av(8)).toEqual({ record: false, decidedBy: 'settings' });
    expect(await av()).toEqual({ record: false, decidedBy: 'settings' });
  });
});

describe('AV recording against the host sandbox (separate process)', () => {
  let chat: ChatSandbox;
  let host: string;

  interface RecordingsView {
    sessionId: string;
    processingState: string | null;
    recordings: { recordingId: string; name: string | null; isDeleted: boolean; type: string }[];
  }

  const recordingsOf = async (sessionId: string, authorization = host): Promise<RecordingsView> => {
    const response = await fetch(`${chat.t.baseUrl}/api/sessions/${sessionId}/recordings`, {
      headers: { authorization },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as RecordingsView;
  };

  /** An AV session in the package, taken by an operator who starts audio/video, then ended. */
  const avSession = async (packageId: number): Promise<{ sessionId: string; record: boolean }> => {
    const sessionId = await chat.newSession({ packageId });
    const started = await chat.control<{ record: boolean; usedDefault: boolean }>(
      'POST',
      `/sessions/${sessionId}/av-start`,
      { userId: chat.operatorIds[0] },
    );
    expect(started.usedDefault).toBe(false);
    await chat.control('POST', `/sessions/${sessionId}/end`, { userId: chat.operatorIds[0] });
    await chat.settle();
    return { sessionId, record: started.record };
  };

  beforeAll(async () => {
    chat = await startChatSandbox();
    host = `Bearer ${await hostToken(chat.installation.panelTokenSecret, {
      tenantId: chat.tenantId,
      roles: ['host'],
    })}`;
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  }, 60_000);

  it('records the package that has it on and lists the recording once post-processing is done', async () => {
    const [recorded, other] = chat.packageIds;
    await chat.setPackageSetting(recorded!, 'chat.avRecording', true);

    const on = await avSession(recorded!);
    expect(on.record).toBe(true);
    const hostRecordings = (await chat.session(on.sessionId)).recordings;
    expect(hostRecordings).toHaveLength(1);
    const listed = await eventually(
      async () => {
        const view = await recordingsOf(on.sessionId);
        return view.recordings.length > 0 ? view : undefined;
      },
      10_000,
      'the recording listed',
    );
    expect(listed).toMatchObject({ sessionId: on.sessionId, processingState: 'Processed' });
    expect(listed.recordings).toEqual([
      expect.objectContaining({
        recordingId: String(hostRecordings[0]!.id),
        name: hostRecordings[0]!.name,
        type: 'AllParticipants',
        isDeleted: false,
      }),
    ]);

    const off = await avSession(other!);
    expect(off.record).toBe(false);
    expect((await chat.session(off.sessionId)).recordings).toEqual([]);
    expect((await recordingsOf(off.sessionId)).recordings).toEqual([]);

    // Operators and panel viewers read the same tab.
    const viewer = (
      await panelSession(chat.t, { tenantId: chat.tenantId, secrets: chat.installation }, [
        'viewer',
      ])
    ).authorization;
    expect((await recordingsOf(on.sessionId, viewer)).recordings).toHaveLength(1);
  });

  it('forgets the list when the session is anonymized', async () => {
    const on = await avSession(chat.packageIds[0]!);
    await eventually(
      async () => ((await recordingsOf(on.sessionId)).recordings.length > 0 ? true : undefined),
      10_000,
      'the recording listed',
    );
    const results = await chat.t.app
      .get(EntityManager)
      .fork()
      .transactional((em) =>
        chat.t.app
          .get(SessionErasureRegistry)
          .eraseSession({ tenantId: chat.tenantId, sessionId: on.sessionId }, em),
      );
    expect(results).toContainEqual({ owner: 'recordings', category: 'recordings_list', erased: 1 });
    expect((await recordingsOf(on.sessionId)).recordings).toEqual([]);
  });

  it('refuses a malformed session id', async () => {
    const response = await fetch(`${chat.t.baseUrl}/api/sessions/abc/recordings`, {
      headers: { authorization: host },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'validation_failed',
      errors: [expect.objectContaining({ path: 'sessionId' })],
    });
  });
});
