import { eventually } from './support/host-deliveries.js';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox-process.js';
import { hostToken, panelSession } from './support/tenants.js';
import { startTestApp, TEST_PLATFORM_SECRET, type TestApp } from './support/test-app.js';

const TENANT = '101';
// The demo tenant's caller IDs on the sandbox; the first is the host's default.
const HOST_DEFAULT = '+420228880000';
const SALES = '+420228880001';
const SERVICE = '+420773000111';

interface OutboundCall {
  placed: boolean;
  callerId: string | null;
  usedDefault: boolean;
  reason: string | null;
}

interface HookDecision {
  usedDefault: boolean;
  decision: Record<string, unknown> | null;
}

/** Setting 5 end to end: the sandbox places outbound calls and asks Switchboard's hook. */
describe('outgoing caller ID (against the sandbox)', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;
  let panelSecret: string;
  let operator: number;

  const install = async (): Promise<void> => {
    const response = await sandbox.control<{ installation: { panelTokenSecret: string } }>(
      'POST',
      `/tenants/${TENANT}/install-plugin`,
      { switchboardUrl: t.baseUrl, platformSecret: TEST_PLATFORM_SECRET },
    );
    expect(response.status).toBe(200);
    panelSecret = response.body.installation.panelTokenSecret;
  };

  const tenant = () => ({ tenantId: TENANT, secrets: { panelTokenSecret: panelSecret } });

  const call = async (callerId?: string): Promise<OutboundCall> => {
    const response = await sandbox.control<OutboundCall>(
      'POST',
      `/tenants/${TENANT}/outbound-calls`,
      { operatorId: operator, phoneNumber: '+420 777 000 111', ...(callerId ? { callerId } : {}) },
    );
    expect([200, 201]).toContain(response.status);
    return response.body;
  };

  const lastDecision = async (): Promise<HookDecision | undefined> =>
    (
      await sandbox.control<HookDecision[]>(
        'GET',
        `/hook-decisions?tenantId=${TENANT}&hook=outboundCall`,
      )
    ).body.at(-1);

  const patchSettings = async (values: Record<string, unknown>): Promise<Response> => {
    const { authorization } = await panelSession(t, tenant(), ['admin']);
    const current = await fetch(`${t.baseUrl}/api/settings`, { headers: { authorization } });
    const { version } = (await current.json()) as { version: number };
    return fetch(`${t.baseUrl}/api/settings`, {
      method: 'PATCH',
      headers: { authorization, 'content-type': 'application/json', 'if-match': `"${version}"` },
      body: JSON.stringify({ values }),
    });
  };

  const picker = async () => {
    const token = await hostToken(panelSecret, {
      tenantId: TENANT,
      userId: String(operator),
      roles: ['operator'],
    });
    const response = await fetch(`${t.baseUrl}/api/caller-ids/picker`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      selectionEnabled: boolean;
      entitled: boolean;
      defaultNumber: string | null;
      numbers: { number: string; label: string | null; isDefault: boolean }[];
    };
  };

  beforeAll(async () => {
    sandbox = await startSandboxProcess({ SANDBOX_HOOK_BUDGET_MS: '2000' });
    t = await startTestApp();
    operator = (await sandbox.control<{ id: number }[]>('GET', `/tenants/${TENANT}/operators`))
      .body[0]!.id;
    await install();
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it("while the setting is off, every call uses the host's default caller ID", async () => {
    const placed = await call(SALES);
    expect(placed).toMatchObject({ placed: true, callerId: HOST_DEFAULT, usedDefault: false });
    expect((await lastDecision())?.decision).toEqual({ decision: 'host_default' });
    expect(await picker()).toEqual({
      selectionEnabled: false,
      entitled: true,
      defaultNumber: HOST_DEFAULT,
      numbers: [],
    });
  });

  it('with the setting on: an allowed number is used, none gets the default, others are refused', async () => {
    const saved = await patchSettings({
      'phone.callerIdSelection': {
        enabled: true,
        allowedNumbers: [SALES, SERVICE],
        defaultNumber: SERVICE,
      },
    });
    expect(saved.status).toBe(200);

    expect(await call('+420 228 880 001')).toMatchObject({ placed: true, callerId: SALES });
    expect((await lastDecision())?.decision).toEqual({ decision: 'chosen', callerId: SALES });

    expect(await call()).toMatchObject({ placed: true, callerId: SERVICE });
    expect((await lastDecision())?.decision).toEqual({
      decision: 'substituted',
      callerId: SERVICE,
    });

    // The host's own default is on the host, but not among the tenant's allowed numbers.
    expect(await call(HOST_DEFAULT)).toMatchObject({
      placed: false,
      reason: 'caller_id_not_allowed',
    });
    expect(await call('+420999999999')).toMatchObject({
      placed: false,
      reason: 'caller_id_not_allowed',
    });
  });

  it('lists the allowed numbers for the operator and the host numbers for the admin', async () => {
    expect(await picker()).toEqual({
      selectionEnabled: true,
      entitled: true,
      defaultNumber: SERVICE,
      numbers: [
        { number: SALES, label: null, isDefault: false },
        { number: SERVICE, label: null, isDefault: true },
      ],
    });
    const { authorization } = await panelSession(t, tenant(), ['viewer']);
    const response = await fetch(`${t.baseUrl}/api/caller-ids`, { headers: { authorization } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      entitled: true,
      selectionEnabled: true,
      hostAvailable: true,
      error: null,
      numbers: [
        { number: HOST_DEFAULT, isHostDefault: true, allowed: false, isDefault: false },
        { number: SALES, isHostDefault: false, allowed: true, isDefault: false },
        { number: SERVICE, isHostDefault: false, allowed: true, isDefault: true },
      ],
      allowedNotOnHost: [],
    });
  });

  it('without the entitlement the setting is read-only and the hook always uses the host default', async () => {
    expect(
      (await sandbox.control('PUT', `/tenants/${TENANT}/entitlements`, { entitlements: ['av'] }))
        .status,
    ).toBe(200);
    await install();

    const refused = await patchSettings({
      'phone.callerIdSelection': { enabled: false, allowedNumbers: [], defaultNumber: null },
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      code: 'feature_not_entitled',
      details: { path: 'values.phone.callerIdSelection', entitlement: 'phone.callerIdSelection' },
    });
    const { authorization } = await panelSession(t, tenant(), ['admin']);
    const schema = (await (
      await fetch(`${t.baseUrl}/api/settings/schema`, { headers: { authorization } })
    ).json()) as { settings: { key: string; entitled: boolean }[] };
    expect(schema.settings.find((s) => s.key === 'phone.callerIdSelection')?.entitled).toBe(false);

    // The stored value still says "on", but without the licence it reads as off.
    const placed = await eventually(
      async () => {
        const result = await call(SALES);
        return result.callerId === HOST_DEFAULT ? result : undefined;
      },
      5_000,
      'the host default after the entitlement went away',
    );
    expect(placed).toMatchObject({ placed: true });
    expect((await lastDecision())?.decision).toEqual({ decision: 'host_default' });
    expect(await picker()).toEqual({
      selectionEnabled: false,
      entitled: false,
      defaultNumber: HOST_DEFAULT,
      numbers: [],
    });
  });
});
