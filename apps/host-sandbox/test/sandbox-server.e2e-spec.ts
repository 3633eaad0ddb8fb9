import { loadEnv } from '../src/config/env.js';
import { startSandbox, type Sandbox } from './support/sandbox-harness.js';

describe('host sandbox server', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  it('answers its health endpoint over HTTP', async () => {
    const response = await fetch(`${sandbox.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'host-sandbox' });
  });

  it('refuses a bad port in its environment, naming the variable', () => {
    expect(() => loadEnv({ SANDBOX_PORT: 'eighty' })).toThrow(/SANDBOX_PORT/);
    expect(loadEnv({}).SANDBOX_PORT).toBe(4000);
    expect(() => loadEnv({ SANDBOX_DEMO_TRAFFIC: 'sometimes' })).toThrow(/SANDBOX_DEMO_TRAFFIC/);
  });

  it('seeds a demo tenant with packages, groups, ten operators, caller IDs and entitlements', async () => {
    const tenants = await sandbox.control('GET', '/tenants');
    expect(tenants.body).toHaveLength(1);
    const tenantId = tenants.body[0].id as number;
    expect(tenants.body[0].entitlements).toEqual(['phone.callerIdSelection', 'av']);
    const [packages, operators, groups, callerIds] = await Promise.all([
      sandbox.control('GET', `/tenants/${tenantId}/packages`),
      sandbox.control('GET', `/tenants/${tenantId}/operators`),
      sandbox.control('GET', `/tenants/${tenantId}/groups`),
      sandbox.control('GET', '/state/callerIds'),
    ]);
    expect(packages.body).toHaveLength(3);
    expect(packages.body.map((p: { status: string }) => p.status)).toEqual([
      'online',
      'online',
      'online',
    ]);
    expect(operators.body).toHaveLength(10);
    expect(groups.body).toHaveLength(3);
    expect(callerIds.body.filter((c: { isDefault: boolean }) => c.isDefault)).toHaveLength(1);
  });

  it('protects /control with the control token when one is configured', async () => {
    const guarded = await startSandbox({ SANDBOX_CONTROL_TOKEN: 'let-me-in' });
    try {
      expect((await fetch(`${guarded.baseUrl}/control/state`)).status).toBe(401);
      const wrong = await fetch(`${guarded.baseUrl}/control/state`, {
        headers: { 'x-control-token': 'nope' },
      });
      expect(wrong.status).toBe(401);
      expect((await guarded.control('GET', '/tenants')).status).toBe(200);
    } finally {
      await guarded.destroy();
    }
  });
});
