import type { HookName } from '@switchboard/host-contract';
import { DecisionHookRegistry } from '../src/host/decision-hook.registry.js';
import { callHook } from './support/host-deliveries.js';
import { installTenant } from './support/tenants.js';
import { startTestApp } from './support/test-app.js';

/**
 * A host's keep-alive connection that is busy when shutdown starts stays open after its response
 * until the keep-alive timeout (72 s): shutdown must not wait for it.
 */
describe('shutdown while a host request is in flight', () => {
  it('answers the request, then closes its kept-alive connection instead of waiting for the timeout', async () => {
    const t = await startTestApp();
    const tenant = await installTenant(t);
    const registry = t.app.get(DecisionHookRegistry);
    const original = registry.get.bind(registry);
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(registry, 'get').mockImplementation((name: HookName) => {
      const decider = original(name);
      if (name !== 'callbackRequest' || decider === undefined) return decider;
      return async (...args: Parameters<typeof decider>) => {
        entered();
        await released;
        return decider(...args);
      };
    });
    const answer = callHook(
      t,
      '/hooks/callback-request',
      {
        tenantId: tenant.tenantId,
        requestedAt: new Date().toISOString(),
        phoneNumber: '+420777000111',
      },
      tenant.secrets.webhookSecret,
    );
    await inHandler;

    let closed = false;
    const closing = t.close().then(() => (closed = true));
    // Shutdown has begun (the instance is closing) while the hook is still deciding.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    expect((await answer).status).toBe(200);
    // Without closing the connection it would stay open, and the close pending, for 72 s.
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    expect(closed).toBe(true);
  }, 60_000);
});
