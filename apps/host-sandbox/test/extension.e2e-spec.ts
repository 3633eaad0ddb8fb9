import { randomUUID } from 'node:crypto';
import {
  anonymizeSessionResponseSchema,
  callerIdListSchema,
  deleteFilesResponseSchema,
  endSessionResponseSchema,
  entitlementsResponseSchema,
  EXTENSION_PATHS,
  fillPath,
  packageStatusResponseSchema,
  routingTimelineResponseSchema,
  signedHeaders,
} from '@switchboard/host-contract';
import { installAgainst, type Installed } from './support/install.js';
import { Receiver } from './support/receiver.js';
import { DEMO_TENANT_ID, startSandbox, type Sandbox } from './support/sandbox-harness.js';

const P = EXTENSION_PATHS.host;

describe('plugin extension', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let installed: Installed;
  let token: string;
  let packageId: number;

  beforeAll(async () => {
    sandbox = await startSandbox();
    receiver = await new Receiver().start();
    installed = await installAgainst(sandbox, receiver);
    token = await sandbox.token(installed.clientId, installed.clientSecret);
    packageId = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/packages`)).body[0]
      .packageId;
  });

  afterAll(async () => {
    await sandbox.destroy();
    await receiver.stop();
  });

  const newSession = async (): Promise<number> =>
    (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/sessions`, {
        packageId,
        message: 'Dobrý den',
      })
    ).body.session.id;

  it('sets and reads a package status, leaving other packages alone', async () => {
    const path = fillPath(P.packageStatus, { packageId });
    const set = await sandbox.api('PUT', path, token, {
      status: 'busy',
      reason: 'all_operators_away',
    });
    expect(set.status).toBe(200);
    expect(packageStatusResponseSchema.parse(set.body)).toMatchObject({
      packageId,
      status: 'busy',
      reason: 'all_operators_away',
    });
    expect((await sandbox.api('GET', path, token)).body).toMatchObject({ status: 'busy' });
    const packages = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/packages`)).body;
    expect(packages.map((p: { status: string }) => p.status)).toEqual(['busy', 'online', 'online']);
    expect((await sandbox.api('PUT', path, token, { status: 'closed', reason: 'x' })).status).toBe(
      400,
    );
    expect((await sandbox.api('GET', P.packages, token)).body[0]).toMatchObject({
      id: packageId,
      status: 'busy',
      statusReason: 'all_operators_away',
    });
  });

  it('returns the routing timeline of a session: offers, expiries, acceptance, forwards', async () => {
    const sessionId = await newSession();
    await sandbox.control('POST', `/sessions/${sessionId}/offer`, { userId: 1002, expire: true });
    await sandbox.control('POST', `/sessions/${sessionId}/accept`, { userId: 1003 });
    await sandbox.control('POST', `/sessions/${sessionId}/forward`, {
      userId: 1004,
      byUserId: 1003,
    });
    const response = await sandbox.api('GET', fillPath(P.routingTimeline, { sessionId }), token);
    const timeline = routingTimelineResponseSchema.parse(response.body);
    expect(timeline.items.map((i) => i.activityType)).toEqual([
      'RoutingRequestCreated',
      'EnteredGroupQueue',
      'AssignedToOperator',
      'AssignedToOperator',
      'OperatorTimeoutExpired',
      'AcceptedByOperator',
      'ForwardedToUser',
    ]);
    expect(timeline.items.at(-1)).toMatchObject({
      operator: { userId: 1004 },
      forwardedByOperator: { userId: 1003 },
    });
  });

  it('ends a session with a reason, idempotently', async () => {
    const sessionId = await newSession();
    const path = fillPath(P.endSession, { sessionId });
    const first = endSessionResponseSchema.parse(
      (await sandbox.api('POST', path, token, { reason: 'disconnect_grace_expired' })).body,
    );
    expect(first.outcome).toBe('ENDED');
    const second = endSessionResponseSchema.parse(
      (await sandbox.api('POST', path, token, { reason: 'disconnect_grace_expired' })).body,
    );
    expect(second).toMatchObject({ outcome: 'ALREADY_ENDED', endedAt: first.endedAt });
    expect((await sandbox.control('GET', `/sessions/${sessionId}`)).body).toMatchObject({
      status: 'CLOSED',
      terminationReason: 'GuestAbandoned',
    });
  });

  it('anonymizes by category with a result per category, touching nothing else', async () => {
    const sessionId = await newSession();
    await sandbox.control('POST', `/sessions/${sessionId}/files`, { name: 'doklad.pdf' });
    await sandbox.control('PUT', `/sessions/${sessionId}/call-params`, {
      params: { jmeno: 'Jan', telefon: '+420777000111' },
    });
    await sandbox.control('POST', `/sessions/${sessionId}/contact`, {
      data: { oo1_guest_phone: ['+420777000111'] },
    });
    const path = fillPath(P.anonymizeSession, { sessionId });
    const first = anonymizeSessionResponseSchema.parse(
      (
        await sandbox.api('POST', path, token, {
          categories: ['messages_files', 'session_params', 'recordings'],
        })
      ).body,
    );
    expect(first.results).toEqual([
      { category: 'messages_files', outcome: 'ANONYMIZED', itemCount: 2 },
      { category: 'session_params', outcome: 'ANONYMIZED', itemCount: 2 },
      { category: 'recordings', outcome: 'NOTHING_TO_ANONYMIZE', itemCount: 0 },
    ]);
    const state = (await sandbox.control('GET', `/sessions/${sessionId}`)).body;
    expect(state.activities.every((a: { text: string | null }) => a.text === null)).toBe(true);
    expect(state.callParams).toEqual([]);
    expect(state.guest.identity).not.toBeNull();
    const again = anonymizeSessionResponseSchema.parse(
      (await sandbox.api('POST', path, token, { categories: ['messages_files', 'contact_link'] }))
        .body,
    );
    expect(again.results.map((r) => r.outcome)).toEqual(['ALREADY_ANONYMIZED', 'ANONYMIZED']);
    expect((await sandbox.api('POST', path, token, { categories: ['everything'] })).status).toBe(
      400,
    );
  });

  it('deletes all files of a session with a result per file', async () => {
    const sessionId = await newSession();
    const a = (await sandbox.control('POST', `/sessions/${sessionId}/files`, { name: 'a.pdf' }))
      .body.file.id as number;
    const b = (
      await sandbox.control('POST', `/sessions/${sessionId}/files`, {
        name: 'b.pdf',
        from: 'operator',
        userId: 1001,
      })
    ).body.file.id as number;
    const c = (await sandbox.control('POST', `/sessions/${sessionId}/files`, { name: 'c.pdf' }))
      .body.file.id as number;
    await sandbox.control('PUT', `/sessions/${sessionId}/files/${c}/inaccessible`, {
      inaccessible: true,
    });
    const path = fillPath(P.deleteSessionFiles, { sessionId });
    await sandbox.api('POST', path, token, { fileIds: [a] });
    const all = deleteFilesResponseSchema.parse((await sandbox.api('POST', path, token, {})).body);
    expect(all.results).toEqual([
      { fileId: a, state: 'ALREADY_REMOVED' },
      { fileId: b, state: 'REMOVED' },
      { fileId: c, state: 'INACCESSIBLE' },
    ]);
  });

  it('lists caller IDs, absence reasons and entitlements', async () => {
    const callerIds = callerIdListSchema.parse((await sandbox.api('GET', P.callerIds, token)).body);
    expect(callerIds.find((c) => c.isDefault)?.callerId).toBe('+420228880000');
    expect(
      (await sandbox.api('GET', P.absenceReasons, token)).body.map((r: { name: string }) => r.name),
    ).toEqual(['Oběd', 'Porada', 'Školení', 'Osobní pauza']);
    const entitlements = entitlementsResponseSchema.parse(
      (await sandbox.api('GET', P.entitlements, token)).body,
    );
    expect(entitlements).toMatchObject({
      tenantId: String(DEMO_TENANT_ID),
      entitlements: ['phone.callerIdSelection', 'av'],
    });
    expect(entitlements.capabilities).toContain('decisionHooks');
  });

  it('assigns an e-mail thread, refusing a second claim while held', async () => {
    const thread = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
        from: 'x@example.cz',
        subject: 'Dotaz',
      })
    ).body;
    const path = fillPath(P.assignEmailThread, { threadId: thread.id });
    const first = await sandbox.api('POST', path, token, { userId: 1005 });
    expect(first.body).toMatchObject({ threadId: thread.id, userId: 1005 });
    const second = await sandbox.api('POST', path, token, { userId: 1006 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'already_assigned',
      threadId: thread.id,
      userId: 1005,
    });
    expect(
      (await sandbox.api('POST', path, token, { userId: 1006, onlyIfUnassigned: false })).status,
    ).toBe(200);
  });

  it('receives settings-updated notifications, verifying the tenant signature', async () => {
    const body = JSON.stringify({
      type: 'settings.updated',
      tenantId: String(DEMO_TENANT_ID),
      version: 7,
      changedKeys: ['chat.statusWhenAllAway'],
      packageIds: [String(packageId)],
    });
    const send = (secret: string): Promise<Response> =>
      fetch(`${installed.hostApiBaseUrl}${P.settingsUpdated}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(secret, `msg_${randomUUID()}`, body),
        },
        body,
      });
    expect((await send(installed.webhookSecret)).status).toBe(204);
    expect((await send('whsec_bm90LXRoZS10ZW5hbnQtc2VjcmV0LWF0LWFsbA==')).status).toBe(401);
    const notifications = (await sandbox.control('GET', '/notifications')).body;
    expect(
      notifications.map((n: { verified: boolean; version: number }) => [n.verified, n.version]),
    ).toEqual([
      [true, 7],
      [false, 7],
    ]);
    expect(notifications[0]).toMatchObject({
      changedKeys: ['chat.statusWhenAllAway'],
      packageIds: [String(packageId)],
    });
  });

  it('hides the whole extension on a v1-only host', async () => {
    await sandbox.control('PUT', '/mode', { v1Only: true });
    try {
      for (const path of [
        P.callerIds,
        P.entitlements,
        P.packages,
        fillPath(P.packageStatus, { packageId }),
      ]) {
        expect((await sandbox.api('GET', path, token)).status).toBe(404);
      }
      expect((await sandbox.api('POST', P.settingsUpdated, null, {})).status).toBe(404);
      expect((await sandbox.api('GET', '/Sessions', token)).status).toBe(200);
    } finally {
      await sandbox.control('PUT', '/mode', { v1Only: false });
    }
    expect((await sandbox.api('GET', P.callerIds, token)).status).toBe(200);
  });

  it('requires a bearer token on extension calls', async () => {
    expect((await sandbox.api('GET', P.callerIds, null)).status).toBe(401);
  });
});
