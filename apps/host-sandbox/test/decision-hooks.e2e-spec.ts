import { DECISION_HOOKS, verifyWebhook } from '@switchboard/host-contract';
import { installAgainst, type Installed } from './support/install.js';
import { Receiver, type Answer } from './support/receiver.js';
import { DEMO_TENANT_ID, startSandbox, type Sandbox } from './support/sandbox-harness.js';

const paths = {
  admission: DECISION_HOOKS.sessionAdmission.path,
  upload: DECISION_HOOKS.fileUpload.path,
  callback: DECISION_HOOKS.callbackRequest.path,
  left: DECISION_HOOKS.clientLeftQueue.path,
  outbound: DECISION_HOOKS.outboundCall.path,
  av: DECISION_HOOKS.avStart.path,
  email: DECISION_HOOKS.nextEmail.path,
};

describe('decision hooks', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let installed: Installed;
  let packageId: number;
  let admission: () => Answer;

  beforeAll(async () => {
    sandbox = await startSandbox({ SANDBOX_HOOK_BUDGET_MS: '100' });
    receiver = await new Receiver().start();
    installed = await installAgainst(sandbox, receiver);
    receiver.on(paths.admission, (request) =>
      request.json.guest.trackedId === 'banned-device'
        ? {
            status: 200,
            body: { decision: 'refuse', reason: 'banned', message: 'Nelze se připojit.' },
          }
        : admission(),
    );
    packageId = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/packages`)).body[0]
      .packageId;
  });

  beforeEach(() => {
    admission = () => ({
      status: 200,
      body: { decision: 'admit', preview: { deviceType: 'desktop', country: 'CZ' } },
    });
  });

  afterAll(async () => {
    await sandbox.destroy();
    await receiver.stop();
  });

  const arrive = async (
    guest: Record<string, unknown> = {},
  ): Promise<{
    session: { id: number; status: string; preview: unknown };
    admitted: boolean;
    usedDefault: boolean;
  }> =>
    (await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/sessions`, { packageId, guest }))
      .body;
  const lastDecision = async (
    hook: string,
  ): Promise<{
    usedDefault: boolean;
    defaultReason: string | null;
    latencyMs: number;
    decision: unknown;
  }> => {
    const decisions = (await sandbox.control('GET', `/hook-decisions?hook=${hook}`)).body;
    return decisions.at(-1);
  };

  it('sends signed requests the contract schema accepts, and obeys a refusal', async () => {
    const refused = await arrive({ trackedId: 'banned-device', os: 'WINDOWS', browser: 'CHROME' });
    expect(refused.admitted).toBe(false);
    expect(refused.session.status).toBe('BLACKLISTED');
    const request = receiver.to(paths.admission).at(-1);
    expect(
      request && verifyWebhook(installed.webhookSecret, request.headers, request.body),
    ).toEqual({ ok: true });
    const parsed = DECISION_HOOKS.sessionAdmission.request.safeParse(request?.json);
    expect(parsed.success).toBe(true);
    expect(await lastDecision('sessionAdmission')).toMatchObject({
      usedDefault: false,
      decision: { decision: 'refuse', reason: 'banned' },
    });

    const admitted = await arrive({ trackedId: 'fine-device' });
    expect(admitted).toMatchObject({ admitted: true, usedDefault: false });
    expect(admitted.session.preview).toEqual({ deviceType: 'desktop', country: 'CZ' });
  });

  it('applies the safe default when the hook overruns its budget, and records it', async () => {
    admission = () => ({
      status: 200,
      delayMs: 400,
      body: { decision: 'refuse', reason: 'banned' },
    });
    const started = Date.now();
    const result = await arrive({ trackedId: 'slow-device' });
    expect(Date.now() - started).toBeLessThan(350);
    expect(result).toMatchObject({ admitted: true, usedDefault: true });
    const decision = await lastDecision('sessionAdmission');
    expect(decision).toMatchObject({
      usedDefault: true,
      defaultReason: 'timeout',
      decision: { decision: 'admit', preview: null },
    });
    expect(decision.latencyMs).toBeGreaterThanOrEqual(95);
  });

  it('applies the safe default on an error status and on an answer that does not parse', async () => {
    admission = () => ({ status: 500, body: { code: 'boom' } });
    expect((await arrive()).usedDefault).toBe(true);
    expect(await lastDecision('sessionAdmission')).toMatchObject({ defaultReason: 'http_status' });
    admission = () => ({ status: 200, body: { decision: 'maybe' } });
    expect((await arrive()).admitted).toBe(true);
    expect(await lastDecision('sessionAdmission')).toMatchObject({
      defaultReason: 'invalid_response',
    });
  });

  it('refuses a client file the plugin refuses, and records FileUploadFailed', async () => {
    receiver.on(paths.upload, (request) =>
      String(request.json.fileName).endsWith('.exe')
        ? { status: 200, body: { decision: 'refuse', reason: 'file_type_not_allowed' } }
        : { status: 200, body: { decision: 'allow' } },
    );
    const { session } = await arrive();
    const refused = await sandbox.control('POST', `/sessions/${session.id}/files`, {
      name: 'virus.exe',
    });
    expect(refused.body).toMatchObject({
      allowed: false,
      reason: 'file_type_not_allowed',
      file: null,
    });
    const allowed = await sandbox.control('POST', `/sessions/${session.id}/files`, {
      name: 'foto.jpg',
      contentType: 'image/jpeg',
    });
    expect(allowed.body.allowed).toBe(true);
    const state = (await sandbox.control('GET', `/sessions/${session.id}`)).body;
    expect(state.files.map((f: { name: string }) => f.name)).toEqual(['foto.jpg']);
    expect(state.activities.map((a: { type: string }) => a.type)).toContain('FileUploadFailed');
  });

  it('refuses a blocked callback number with the time it is accepted again', async () => {
    const retryAt = new Date(Date.now() + 1_800_000).toISOString();
    receiver.on(paths.callback, () => ({
      status: 200,
      body: {
        decision: 'refuse',
        reason: 'number_blocked',
        retryAt,
        normalizedNumber: '+420777123456',
      },
    }));
    const result = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/callbacks`, {
        packageId,
        phoneNumber: '777 123 456',
      })
    ).body;
    expect(result).toMatchObject({ accepted: false, reason: 'number_blocked', retryAt });
    expect(result.session).toMatchObject({
      status: 'CLOSED',
      phoneCallbackNumber: '+420777123456',
      source: 'Callback',
    });
  });

  it('keeps a queued client who left as an offline callback when the plugin says so', async () => {
    receiver.on(paths.left, () => ({ status: 200, body: { decision: 'keep_offline_callback' } }));
    const { session } = await arrive({ phone: '+420777000999' });
    const left = await sandbox.control('POST', `/sessions/${session.id}/leave`);
    expect(left.body).toEqual({ keptQueued: true, usedDefault: false });
    expect((await sandbox.control('GET', `/sessions/${session.id}`)).body).toMatchObject({
      status: 'IN_QUEUE',
      offlineCallback: true,
      guestLeftSession: 'LeftQueue',
    });
    expect(receiver.to(paths.left).at(-1)?.json.contact).toMatchObject({
      phoneNumber: '+420777000999',
    });
  });

  it('uses the caller ID the plugin substitutes, and the host default on timeout', async () => {
    let answer: Answer = {
      status: 200,
      body: { decision: 'substituted', callerId: '+420228880001' },
    };
    receiver.on(paths.outbound, () => answer);
    const placed = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/outbound-calls`, {
        operatorId: 1001,
        phoneNumber: '+420608111222',
        callerId: '+420999999999',
      })
    ).body;
    expect(placed).toMatchObject({ placed: true, callerId: '+420228880001', usedDefault: false });
    answer = {
      status: 200,
      delayMs: 300,
      body: { decision: 'refused', reason: 'caller_id_not_allowed' },
    };
    const fallback = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/outbound-calls`, {
        operatorId: 1001,
        phoneNumber: '+420608111222',
      })
    ).body;
    expect(fallback).toMatchObject({ placed: true, callerId: '+420228880000', usedDefault: true });
  });

  it('records an AV session when the plugin answers record: true, and not on the default', async () => {
    receiver.on(paths.av, (request) => ({
      status: 200,
      delayMs: request.json.operatorUserId === 1002 ? 300 : 0,
      body: { record: true },
    }));
    const { session } = await arrive();
    await sandbox.control('POST', `/sessions/${session.id}/accept`, { userId: 1001 });
    expect(
      (await sandbox.control('POST', `/sessions/${session.id}/av-start`, { userId: 1001 })).body,
    ).toEqual({ record: true, usedDefault: false });
    await sandbox.control('POST', `/sessions/${session.id}/end`, { userId: 1001 });
    const ended = (await sandbox.control('GET', `/sessions/${session.id}`)).body;
    expect(ended).toMatchObject({
      recordingsState: 'Processed',
      recordings: [expect.objectContaining({ type: 'AllParticipants', isDeleted: false })],
    });

    const other = (await arrive()).session;
    await sandbox.control('POST', `/sessions/${other.id}/accept`, { userId: 1002 });
    expect(
      (await sandbox.control('POST', `/sessions/${other.id}/av-start`, { userId: 1002 })).body,
    ).toEqual({ record: false, usedDefault: true });
  });

  it('assigns the e-mail the plugin picks, and falls back to the host order on a bad pick', async () => {
    const older = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
        from: 'old@example.cz',
        subject: 'Starší',
      })
    ).body;
    const newer = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
        from: 'new@example.cz',
        subject: 'Novější',
      })
    ).body;
    let pick: number | null = older.id;
    receiver.on(paths.email, () => ({ status: 200, body: { threadId: pick } }));
    const first = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/next-email`, { operatorId: 1003 })
    ).body;
    expect(first).toMatchObject({
      thread: { id: older.id, state: 'Accepted' },
      usedDefault: false,
    });
    pick = 987654;
    const second = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/next-email`, { operatorId: 1004 })
    ).body;
    expect(second).toMatchObject({ thread: { id: newer.id }, usedDefault: true });
    expect(await lastDecision('nextEmail')).toMatchObject({ defaultReason: 'invalid_response' });
  });

  it('decides by default without calling anyone for a tenant without the plugin', async () => {
    const other = (await sandbox.control('POST', '/seed', { name: 'Bez pluginu a.s.' })).body;
    const before = receiver.requests.length;
    const pkg = (await sandbox.control('GET', `/tenants/${other.tenantId}/packages`)).body[0];
    const result = (
      await sandbox.control('POST', `/tenants/${other.tenantId}/sessions`, {
        packageId: pkg.packageId,
      })
    ).body;
    expect(result).toMatchObject({ admitted: true, usedDefault: true });
    expect(receiver.requests.length).toBe(before);
    const decision = (
      await sandbox.control('GET', `/hook-decisions?tenantId=${other.tenantId}`)
    ).body.at(-1);
    expect(decision).toMatchObject({ hook: 'sessionAdmission', defaultReason: 'not_installed' });
  });
});
