import { createHmac } from 'node:crypto';
import {
  CAPABILITIES,
  installRequestSchema,
  panelTokenClaimsSchema,
  uninstallRequestSchema,
  verifyWebhook,
} from '@switchboard/host-contract';
import { PLATFORM_SECRET } from './support/install.js';
import { Receiver } from './support/receiver.js';
import {
  DEMO_TENANT_ID,
  startSandbox,
  type Json,
  type Sandbox,
} from './support/sandbox-harness.js';

describe('installing the plugin', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let installStatus = 201;

  beforeAll(async () => {
    sandbox = await startSandbox();
    receiver = await new Receiver().start();
    receiver.on('/install', () => ({
      status: installStatus,
      body: { tenantId: String(DEMO_TENANT_ID), created: true },
    }));
  });

  afterAll(async () => {
    await sandbox.destroy();
    await receiver.stop();
  });

  const install = (): Promise<{ status: number; body: Json }> =>
    sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/install-plugin`, {
      switchboardUrl: receiver.url,
      platformSecret: PLATFORM_SECRET,
    });

  it('posts a platform-signed install request the contract accepts, and keeps what it sent', async () => {
    const response = await install();
    expect(response.status).toBe(200);
    const request = receiver.to('/install').at(-1);
    expect(request && verifyWebhook(PLATFORM_SECRET, request.headers, request.body)).toEqual({
      ok: true,
    });
    const sent = installRequestSchema.parse(request?.json);
    expect(sent).toMatchObject({
      tenantId: String(DEMO_TENANT_ID),
      name: 'Demo s.r.o.',
      hostApiBaseUrl: sandbox.apiUrl,
      entitlements: ['phone.callerIdSelection', 'av'],
      capabilities: [...CAPABILITIES],
      timeZone: 'Europe/Prague',
      locale: 'cs',
    });
    const stored = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/installation`)).body;
    expect(stored).toMatchObject({
      active: true,
      responseStatus: 201,
      clientId: sent.clientId,
      clientSecret: sent.clientSecret,
      webhookSecret: sent.webhookSecret,
      panelTokenSecret: sent.panelTokenSecret,
    });
    await expect(sandbox.token(sent.clientId, sent.clientSecret)).resolves.toEqual(
      expect.any(String),
    );
  });

  it('mints panel JWTs signed with the tenant panel secret', async () => {
    const { panelTokenSecret } = (
      await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/installation`)
    ).body;
    const { token } = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/panel-token`, {
        userId: 1001,
        name: 'Jana Nováková',
        roles: ['admin'],
        locale: 'cs',
      })
    ).body;
    const [header, payload, signature] = (token as string).split('.');
    const expected = createHmac('sha256', Buffer.from(panelTokenSecret, 'utf8'))
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
    const claims = panelTokenClaimsSchema.parse(
      JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')),
    );
    expect(claims).toMatchObject({
      tid: String(DEMO_TENANT_ID),
      sub: '1001',
      roles: ['admin'],
      aud: 'switchboard',
    });
    expect(claims.exp - claims.iat).toBe(600);
    // Switchboard opens one panel session per token id: every token gets a fresh one.
    const jtiOf = (jwt: string): unknown =>
      (
        JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
          jti?: unknown;
        }
      ).jti;
    const { token: second } = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/panel-token`, {
        userId: 1001,
        roles: ['admin'],
      })
    ).body;
    expect(jtiOf(token as string)).toEqual(expect.stringMatching(/^[\w-]{16,}$/));
    expect(jtiOf(second as string)).toEqual(expect.stringMatching(/^[\w-]{16,}$/));
    expect(jtiOf(second as string)).not.toBe(jtiOf(token as string));
  });

  it('rotates every credential on reinstall and revokes the old API client', async () => {
    const before = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/installation`)).body;
    expect((await install()).status).toBe(200);
    const after = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/installation`)).body;
    expect(after.webhookSecret).not.toBe(before.webhookSecret);
    await expect(sandbox.token(before.clientId, before.clientSecret)).rejects.toThrow();
    await expect(sandbox.token(after.clientId, after.clientSecret)).resolves.toEqual(
      expect.any(String),
    );
  });

  it("hands over the tenant's SMTP relay when given one, and none otherwise", async () => {
    const smtp = {
      host: 'smtp.demo.example',
      port: 2525,
      user: 'demo-relay',
      password: 'demo-relay-password',
      from: 'Demo <help@demo.example>',
    };
    const withRelay = await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/install-plugin`, {
      switchboardUrl: receiver.url,
      platformSecret: PLATFORM_SECRET,
      smtp,
    });
    expect(withRelay.status).toBe(200);
    expect(installRequestSchema.parse(receiver.to('/install').at(-1)?.json).smtp).toEqual({
      ...smtp,
      secure: false,
      requireTls: false,
    });
    const refused = await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/install-plugin`, {
      switchboardUrl: receiver.url,
      platformSecret: PLATFORM_SECRET,
      smtp: { host: 'smtp.demo.example', user: 'only-a-user', from: 'help@demo.example' },
    });
    expect(refused.status).toBe(400);
    expect((await install()).status).toBe(200);
    expect(installRequestSchema.parse(receiver.to('/install').at(-1)?.json).smtp).toBeUndefined();
  });

  it('reports a refused install and keeps the previous installation active', async () => {
    installStatus = 401;
    const refused = await install();
    installStatus = 201;
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ ok: false, status: 401 });
    const installations = (await sandbox.control('GET', '/state/installations')).body as {
      active: boolean;
    }[];
    expect(installations.filter((i) => i.active)).toHaveLength(1);
  });

  it('uninstalls: tells Switchboard, revokes the client, removes its webhooks', async () => {
    const current = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/installation`)).body;
    const token = await sandbox.token(current.clientId, current.clientSecret);
    await sandbox.api('POST', '/Webhooks', token, {
      eventTypes: ['SessionCreated'],
      callbackUrl: `${receiver.url}/webhooks/${DEMO_TENANT_ID}`,
    });
    const response = await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/uninstall-plugin`);
    expect(response.body).toMatchObject({ ok: true, status: 204 });
    const request = receiver.to('/uninstall').at(-1);
    expect(request && verifyWebhook(PLATFORM_SECRET, request.headers, request.body)).toEqual({
      ok: true,
    });
    expect(uninstallRequestSchema.parse(request?.json)).toEqual({
      tenantId: String(DEMO_TENANT_ID),
    });
    expect((await sandbox.api('GET', '/Webhooks', token)).status).toBe(401);
    expect((await sandbox.control('GET', '/state/webhooks')).body).toEqual([]);
    expect(
      (await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/panel-token`, { userId: 1 }))
        .status,
    ).toBe(409);
  });
});
