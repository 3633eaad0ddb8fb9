import { generateWebhookSecret } from '@switchboard/host-contract';
import { DecisionHookRegistry } from '../src/host/decision-hook.registry.js';
import { callHook } from './support/host-deliveries.js';
import { installTenant, type InstalledTenant, panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('decision hooks', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
  let admin: string;
  let version = 0;
  const now = (): string => new Date().toISOString();

  const hook = async (
    path: string,
    body: Record<string, unknown>,
    options: { secret?: string; timestamp?: number } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await callHook(
      t,
      path,
      { tenantId: tenant.tenantId, requestedAt: now(), ...body },
      options.secret ?? tenant.secrets.webhookSecret,
      options.timestamp === undefined ? {} : { timestamp: options.timestamp },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const setSettings = async (values: Record<string, unknown>): Promise<void> => {
    const response = await fetch(`${t.baseUrl}/api/settings`, {
      method: 'PATCH',
      headers: {
        authorization: admin,
        'content-type': 'application/json',
        'if-match': `"${version}"`,
      },
      body: JSON.stringify({ values }),
    });
    expect(response.status).toBe(200);
    version = ((await response.json()) as { version: number }).version;
  };

  const upload = (fileName: string, sizeBytes: number, uploader = 'guest', packageId?: number) =>
    hook('/hooks/file-upload', {
      sessionId: '900',
      uploader,
      fileName,
      sizeBytes,
      ...(packageId === undefined ? {} : { packageId }),
    });

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await installTenant(t, {
      entitlements: ['av', 'phone.callerIdSelection'],
      capabilities: ['signedWebhooks', 'decisionHooks'],
      locale: 'en',
    });
    admin = (await panelSession(t, tenant, ['admin'])).authorization;
  });

  afterAll(async () => {
    await t.close();
  });

  it('decides a client file upload from the settings, and a change applies to the next call', async () => {
    expect(await upload('report.pdf', 1000)).toEqual({
      status: 200,
      body: { decision: 'allow', decidedBy: 'settings' },
    });
    await setSettings({ 'chat.clientFileSending': { enabled: false } });
    expect(await upload('report.pdf', 1000)).toEqual({
      status: 200,
      body: {
        decision: 'refuse',
        reason: 'client_file_sending_disabled',
        message: 'Sending files is not available here.',
        decidedBy: 'settings',
      },
    });
    // Operators' files are not the client file setting's business.
    expect((await upload('report.pdf', 1000, 'operator')).body).toMatchObject({
      decision: 'allow',
    });

    await setSettings({
      'chat.clientFileSending': { enabled: true, allowedExtensions: ['pdf', 'png'], maxSizeMb: 1 },
    });
    expect((await upload('run.exe', 10)).body).toMatchObject({
      decision: 'refuse',
      reason: 'file_type_not_allowed',
    });
    expect((await upload('big.pdf', 2 * 1024 * 1024)).body).toMatchObject({
      decision: 'refuse',
      reason: 'file_too_large',
      message: 'The file is too large. The limit is 1 MB.',
    });
    expect((await upload('Scan.PNG', 1024 * 1024)).body).toEqual({
      decision: 'allow',
      decidedBy: 'settings',
    });
    await setSettings({ 'chat.clientFileSending': null });
    expect((await upload('run.exe', 10)).body).toMatchObject({ decision: 'allow' });
  });

  it('decides AV recording per package', async () => {
    const av = (packageId?: number) =>
      hook('/hooks/av-start', {
        sessionId: '901',
        channel: 'AV',
        source: 'Default',
        ...(packageId === undefined ? {} : { packageId }),
      });
    expect(await av(7)).toEqual({ status: 200, body: { record: false, decidedBy: 'settings' } });
    const put = await fetch(`${t.baseUrl}/api/settings/packages/7/chat.avRecording`, {
      method: 'PUT',
      headers: {
        authorization: admin,
        'content-type': 'application/json',
        'if-match': `"${version}"`,
      },
      body: JSON.stringify({ value: true }),
    });
    expect(put.status).toBe(200);
    version = ((await put.json()) as { version: number }).version;
    expect((await av(7)).body).toEqual({ record: true, decidedBy: 'settings' });
    expect((await av(8)).body).toEqual({ record: false, decidedBy: 'settings' });
    expect((await av()).body).toEqual({ record: false, decidedBy: 'settings' });
  });

  it('decides the caller ID of an outbound call', async () => {
    const call = (phoneNumber: string, requestedCallerId?: string) =>
      hook('/hooks/outbound-call', {
        operatorUserId: 5,
        phoneNumber,
        ...(requestedCallerId === undefined ? {} : { requestedCallerId }),
      });
    expect((await call('+420777000111', '+420228880001')).body).toEqual({
      decision: 'host_default',
      decidedBy: 'settings',
    });
    await setSettings({
      'phone.callerIdSelection': {
        enabled: true,
        allowedNumbers: ['+420228880000', '+420228880001'],
        defaultNumber: '+420228880000',
      },
    });
    expect((await call('+420777000111', '+420228880001')).body).toEqual({
      decision: 'chosen',
      callerId: '+420228880001',
      decidedBy: 'settings',
    });
    expect((await call('+420777000111')).body).toEqual({
      decision: 'substituted',
      callerId: '+420228880000',
      decidedBy: 'settings',
    });
    expect((await call('+420777000111', '+420999999999')).body).toMatchObject({
      decision: 'refused',
      reason: 'caller_id_not_allowed',
    });
    expect((await call('call me maybe')).body).toMatchObject({
      decision: 'refused',
      reason: 'invalid_number',
    });
  });

  it('answers the safe default, saying so, for hooks without a decider or with a failing one', async () => {
    expect(
      await hook('/hooks/session-admission', {
        sessionId: '902',
        channel: 'Chat',
        source: 'Default',
        guest: {},
      }),
    ).toEqual({ status: 200, body: { decision: 'admit', preview: null, decidedBy: 'default' } });
    expect(await hook('/hooks/next-email', { operatorUserId: 5 })).toEqual({
      status: 200,
      body: { useHostDefault: true, decidedBy: 'default' },
    });
    t.app.get(DecisionHookRegistry).register('callbackRequest', () => {
      throw new Error('decider broke');
    });
    expect(await hook('/hooks/callback-request', { phoneNumber: '+420777000111' })).toEqual({
      status: 200,
      body: { decision: 'accept', decidedBy: 'default' },
    });
  });

  it('refuses forged, stale, unknown and malformed calls', async () => {
    const body = { sessionId: '903', uploader: 'guest', fileName: 'a.pdf', sizeBytes: 1 };
    const forged = await hook('/hooks/file-upload', body, { secret: generateWebhookSecret() });
    expect(forged).toMatchObject({ status: 401, body: { code: 'invalid_signature' } });
    const stale = await hook('/hooks/file-upload', body, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(stale).toMatchObject({ status: 401, body: { code: 'stale_timestamp' } });
    const unknownHook = await hook('/hooks/coffee', body);
    expect(unknownHook).toMatchObject({ status: 404, body: { code: 'unknown_hook' } });
    const invalid = await hook('/hooks/file-upload', { sessionId: '903', uploader: 'robot' });
    expect(invalid.status).toBe(422);
    expect((invalid.body['errors'] as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'fileName',
      'sizeBytes',
      'uploader',
    ]);
    const unknownTenant = await callHook(
      t,
      '/hooks/file-upload',
      { ...body, tenantId: 'nobody-here', requestedAt: now() },
      tenant.secrets.webhookSecret,
    );
    expect(unknownTenant.status).toBe(404);
  });
});
