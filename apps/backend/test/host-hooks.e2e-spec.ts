import { generateWebhookSecret, type HookName } from '@switchboard/host-contract';
import { DecisionHookRegistry } from '../src/host/decision-hook.registry.js';
import { callHook } from './support/host-deliveries.js';
import { installTenant, type InstalledTenant } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('decision hooks', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
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

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await installTenant(t, {
      entitlements: ['av', 'phone.callerIdSelection'],
      capabilities: ['signedWebhooks', 'decisionHooks'],
      locale: 'en',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers the safe default, saying so, for hooks without a decider or with a failing one', async () => {
    // Every hook has a capability decider now; take two away for the length of this test: one
    // missing, one failing.
    const registry = t.app.get(DecisionHookRegistry);
    const original = registry.get.bind(registry);
    const spy = jest.spyOn(registry, 'get').mockImplementation((name: HookName) => {
      if (name === 'nextEmail') return undefined;
      if (name === 'callbackRequest') {
        return () => {
          throw new Error('decider broke');
        };
      }
      return original(name);
    });
    try {
      expect(await hook('/hooks/next-email', { operatorUserId: 5 })).toEqual({
        status: 200,
        body: { useHostDefault: true, decidedBy: 'default' },
      });
      expect(await hook('/hooks/callback-request', { phoneNumber: '+420777000111' })).toEqual({
        status: 200,
        body: { decision: 'accept', decidedBy: 'default' },
      });
    } finally {
      spy.mockRestore();
    }
    // With its decider back, the same call is decided by the capability.
    expect(await hook('/hooks/next-email', { operatorUserId: 5 })).toMatchObject({
      status: 200,
      body: { decidedBy: 'settings' },
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
