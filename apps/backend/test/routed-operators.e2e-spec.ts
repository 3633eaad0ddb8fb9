import { eventually } from './support/host-deliveries.js';
import {
  startAdmissionEnv,
  TENANT,
  type AdmissionEnv,
} from './fixtures/admission/sandbox-tenant.js';

// Sandbox round trips on a shared two-core machine: generous per-test time, no timing asserted.
jest.setTimeout(60_000);

interface Entry {
  kind: string;
  id: string;
  name: string | null;
  offeredAt: string;
  outcome: string;
  decidedAt: string | null;
}

/** The operators a waiting session was offered to (setting 2), read back for the queue hover. */
describe('routed operators', () => {
  let env: AdmissionEnv;
  let names: Map<number, string>;

  const arrive = async (): Promise<number> => {
    const response = await env.sandbox.control<{ session: { id: number } }>(
      'POST',
      `/tenants/${TENANT}/sessions`,
      {
        packageId: env.packageIds[0],
        guest: { name: 'Petr' },
      },
    );
    return response.body.session.id;
  };

  const read = async (sessionId: number): Promise<Response> =>
    fetch(`${env.t.baseUrl}/api/sessions/${sessionId}/routed-operators`, {
      headers: { authorization: await env.operator(env.operatorIds[0]!) },
    });

  beforeAll(async () => {
    env = await startAdmissionEnv();
    await env.install(false);
    const operators = await env.sandbox.control<
      { id: number; firstName: string; lastName: string }[]
    >('GET', `/tenants/${TENANT}/operators`);
    names = new Map(operators.body.map((o) => [o.id, `${o.firstName} ${o.lastName}`]));
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  }, 120_000);

  it('answers 404 routed_operators_disabled while the setting is off (the default)', async () => {
    const response = await read(await arrive());
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'routed_operators_disabled' });
  });

  it("lists the host's routing timeline in order: offers, an expired offer, the accepting operator", async () => {
    await env.setSettings({ 'general.showRoutedOperators': true });
    const [, second, third] = env.operatorIds as [number, number, number];
    const sessionId = await arrive();
    await env.sandbox.control('POST', `/sessions/${sessionId}/offer`, {
      userId: second,
      expire: true,
    });
    await env.sandbox.control('POST', `/sessions/${sessionId}/accept`, { userId: third });
    const response = await read(sessionId);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { source: string; entries: Entry[] };
    expect(body.source).toBe('timeline');
    const operators = body.entries.filter((e) => e.kind === 'operator');
    expect(operators.slice(-2)).toEqual([
      expect.objectContaining({ id: String(second), name: names.get(second), outcome: 'expired' }),
      expect.objectContaining({ id: String(third), name: names.get(third), outcome: 'accepted' }),
    ]);
    expect(body.entries[0]).toMatchObject({ kind: 'group', name: 'Podpora' });
    const times = body.entries.map((e) => Date.parse(e.offeredAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    await env.setSettings({ 'general.showRoutedOperators': false });
    expect((await read(sessionId)).status).toBe(404);
  });

  describe('on a v1-only host', () => {
    it('keeps the forwards and joins as they arrive, with names from the v1 API', async () => {
      await env.install(true);
      await env.setSettings({ 'general.showRoutedOperators': true });
      const [first, second] = env.operatorIds as [number, number];
      const sessionId = await arrive();
      await env.sandbox.control('POST', `/sessions/${sessionId}/accept`, { userId: first });
      await env.sandbox.control('POST', `/sessions/${sessionId}/forward`, {
        userId: second,
        byUserId: first,
      });
      await env.sandbox.control('POST', `/sessions/${sessionId}/accept`, { userId: second });
      await env.drain();
      const body = await eventually(
        async () => {
          const answer = (await (await read(sessionId)).json()) as {
            source: string;
            entries: Entry[];
          };
          return answer.entries.length === 2 && answer.entries[1]?.outcome === 'accepted'
            ? answer
            : undefined;
        },
        15_000,
        'both operators recorded',
      );
      expect(body.source).toBe('events');
      expect(body.entries).toEqual([
        expect.objectContaining({
          kind: 'operator',
          id: String(first),
          name: names.get(first),
          outcome: 'accepted',
        }),
        expect.objectContaining({
          kind: 'operator',
          id: String(second),
          name: names.get(second),
          outcome: 'accepted',
        }),
      ]);
    });
  });
});
