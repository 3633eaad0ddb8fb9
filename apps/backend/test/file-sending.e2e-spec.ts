import { callHook } from './support/host-deliveries.js';
import { type ChatSandbox, startChatSandbox } from './support/chat-sandbox.js';
import { installTenant, type InstalledTenant, panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('client file sending (setting 11): the file-upload hook', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
  let admin: string;
  let version = 0;

  const upload = async (
    fileName: string,
    sizeBytes: number,
    options: { uploader?: string; contentType?: string; packageId?: number } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await callHook(
      t,
      '/hooks/file-upload',
      {
        tenantId: tenant.tenantId,
        requestedAt: new Date().toISOString(),
        sessionId: '900',
        uploader: options.uploader ?? 'guest',
        fileName,
        sizeBytes,
        ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
        ...(options.packageId === undefined ? {} : { packageId: options.packageId }),
      },
      tenant.secrets.webhookSecret,
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const write = async (method: string, path: string, body?: unknown): Promise<void> => {
    const response = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: {
        authorization: admin,
        'if-match': `"${version}"`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status).toBe(200);
    version = ((await response.json()) as { version: number }).version;
  };

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await installTenant(t, {
      capabilities: ['signedWebhooks', 'decisionHooks'],
      locale: 'en',
    });
    admin = (await panelSession(t, tenant, ['admin'])).authorization;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('decides from the settings, and a change applies to the next upload', async () => {
    expect(await upload('report.pdf', 1000)).toEqual({
      status: 200,
      body: { decision: 'allow', decidedBy: 'settings' },
    });
    await write('PATCH', '/api/settings', {
      values: { 'chat.clientFileSending': { enabled: false } },
    });
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
    expect((await upload('report.pdf', 1000, { uploader: 'operator' })).body).toMatchObject({
      decision: 'allow',
    });
  });

  it('refuses disallowed extensions, disguised files and files over the limit', async () => {
    await write('PATCH', '/api/settings', {
      values: {
        'chat.clientFileSending': {
          enabled: true,
          allowedExtensions: ['pdf', 'png'],
          maxSizeMb: 1,
        },
      },
    });
    expect((await upload('run.exe', 10)).body).toMatchObject({
      decision: 'refuse',
      reason: 'file_type_not_allowed',
      message: 'This type of file cannot be sent. Allowed: pdf, png.',
    });
    expect(
      (await upload('invoice.pdf', 10, { contentType: 'application/x-msdownload' })).body,
    ).toMatchObject({
      decision: 'refuse',
      reason: 'file_type_not_allowed',
      message: 'The file does not look like a .pdf file.',
    });
    expect((await upload('big.pdf', 2 * 1024 * 1024)).body).toMatchObject({
      decision: 'refuse',
      reason: 'file_too_large',
      message: 'The file is too large. The limit is 1 MB.',
    });
    expect((await upload('Scan.PNG', 1024 * 1024, { contentType: 'image/png' })).body).toEqual({
      decision: 'allow',
      decidedBy: 'settings',
    });
    await write('PATCH', '/api/settings', { values: { 'chat.clientFileSending': null } });
    expect((await upload('run.exe', 10)).body).toMatchObject({ decision: 'allow' });
  });

  it('follows a package override over the tenant value', async () => {
    await write('PUT', '/api/settings/packages/7/chat.clientFileSending', {
      value: { enabled: false },
    });
    expect((await upload('a.pdf', 1, { packageId: 7 })).body).toMatchObject({
      reason: 'client_file_sending_disabled',
    });
    expect((await upload('a.pdf', 1, { packageId: 8 })).body).toMatchObject({
      decision: 'allow',
    });
  });
});

describe('client file sending against the host sandbox (separate process)', () => {
  let chat: ChatSandbox;
  let sessionId: string;

  interface UploadOutcome {
    allowed: boolean;
    reason: string | null;
    usedDefault: boolean;
    file: { id: number } | null;
  }

  const send = (body: Record<string, unknown>): Promise<UploadOutcome> =>
    chat.control<UploadOutcome>('POST', `/sessions/${sessionId}/files`, {
      contentType: 'application/pdf',
      size: 2048,
      ...body,
    });

  beforeAll(async () => {
    chat = await startChatSandbox();
    sessionId = await chat.newSession({ message: 'Dobrý den, posílám smlouvu.' });
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  }, 60_000);

  it('refuses a client upload when off, lets operators send, and accepts again when on', async () => {
    await chat.setSettings({ 'chat.clientFileSending': { enabled: false } });
    expect(await send({ name: 'smlouva.pdf' })).toMatchObject({
      allowed: false,
      usedDefault: false,
      reason: 'client_file_sending_disabled',
    });
    const operatorFile = await send({
      from: 'operator',
      userId: chat.operatorIds[0],
      name: 'cenik.pdf',
    });
    expect(operatorFile.allowed).toBe(true);

    await chat.setSettings({ 'chat.clientFileSending': { enabled: true } });
    const accepted = await send({ name: 'smlouva.pdf' });
    expect(accepted).toMatchObject({ allowed: true, usedDefault: false });

    const session = await chat.session(sessionId);
    expect(session.files.map((f) => f.name)).toEqual(['cenik.pdf', 'smlouva.pdf']);
    expect(
      session.activities.filter((a) => a.type === 'FileUploadFailed').map((a) => a.text),
    ).toEqual(['smlouva.pdf']);
  });

  it('refuses a disallowed type, a disguised file and an oversized file, for clients only', async () => {
    await chat.setSettings({
      'chat.clientFileSending': { enabled: true, allowedExtensions: ['pdf', 'jpg'], maxSizeMb: 1 },
    });
    expect(
      await send({ name: 'setup.exe', contentType: 'application/x-msdownload' }),
    ).toMatchObject({ allowed: false, reason: 'file_type_not_allowed' });
    expect(
      await send({ name: 'faktura.pdf', contentType: 'application/x-msdownload' }),
    ).toMatchObject({ allowed: false, reason: 'file_type_not_allowed' });
    expect(await send({ name: 'scan.pdf', size: 3 * 1024 * 1024 })).toMatchObject({
      allowed: false,
      reason: 'file_too_large',
    });
    expect(
      await send({ name: 'foto.JPG', contentType: 'image/jpeg', size: 500_000 }),
    ).toMatchObject({ allowed: true });
    // The same kinds of file from an operator pass: the setting is about clients.
    expect(
      await send({
        from: 'operator',
        userId: chat.operatorIds[0],
        name: 'setup.exe',
        contentType: 'application/x-msdownload',
        size: 3 * 1024 * 1024,
      }),
    ).toMatchObject({ allowed: true });

    const session = await chat.session(sessionId);
    expect(session.files.map((f) => f.name)).toEqual([
      'cenik.pdf',
      'smlouva.pdf',
      'foto.JPG',
      'setup.exe',
    ]);
    const decisions = await chat.control<{ decision: { reason?: string } | null }[]>(
      'GET',
      `/hook-decisions?tenantId=${chat.tenantId}&hook=fileUpload`,
    );
    expect(decisions.map((d) => d.decision?.reason ?? 'allow')).toEqual([
      'client_file_sending_disabled',
      'allow',
      'file_type_not_allowed',
      'file_type_not_allowed',
      'file_too_large',
      'allow',
    ]);
  });
});
