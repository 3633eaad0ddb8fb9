import { readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/core';
import { join } from 'node:path';
import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
import { callHook, eventually } from './support/host-deliveries.js';
import {
  startAdmissionEnv,
  TENANT,
  type AdmissionEnv,
} from './fixtures/admission/sandbox-tenant.js';

// Sandbox round trips on a shared two-core machine: generous per-test time, no timing asserted.
jest.setTimeout(60_000);

interface UserAgentCase {
  name: string;
  userAgent: string;
  deviceType: string;
  os: string | null;
  browser: string | null;
}
interface IpCase {
  ip: string;
  country: string;
}

const fixtures = join(import.meta.dirname, 'fixtures', 'admission');
const userAgents = JSON.parse(
  readFileSync(join(fixtures, 'user-agents.json'), 'utf8'),
) as UserAgentCase[];
const ips = JSON.parse(readFileSync(join(fixtures, 'ips.json'), 'utf8')) as IpCase[];

const ALL_FIELDS = ['deviceType', 'os', 'browser', 'country', 'language'];
const PIXEL =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.135 Mobile Safari/537.36';

/** The waiting-client preview (setting 1): admission answer, stored preview, the sandbox's queue. */
describe('waiting-client preview', () => {
  let env: AdmissionEnv;

  const arrive = async (
    guest: Record<string, unknown>,
  ): Promise<{ id: number; preview: unknown }> => {
    const response = await env.sandbox.control<{ session: { id: number; preview: unknown } }>(
      'POST',
      `/tenants/${TENANT}/sessions`,
      { packageId: env.packageIds[0], guest },
    );
    expect(response.status).toBe(201);
    return response.body.session;
  };

  const readPreview = async (sessionId: number): Promise<Response> =>
    fetch(`${env.t.baseUrl}/api/sessions/${sessionId}/preview`, {
      headers: { authorization: await env.operator(env.operatorIds[0]!) },
    });

  /** The preview once Switchboard has processed the session's SessionCreated. */
  const storedPreview = (sessionId: number): Promise<Response> =>
    eventually(
      async () => {
        const answer = await readPreview(sessionId);
        return answer.status === 200 ? answer : undefined;
      },
      10_000,
      'the stored preview',
    );

  beforeAll(async () => {
    env = await startAdmissionEnv();
    await env.install(false);
    await env.setSettings({
      'general.waitingClientPreview': { enabled: true, fields: ALL_FIELDS },
    });
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  }, 120_000);

  it('answers the admission hook with the device, OS, browser and country of a corpus of real clients', async () => {
    expect(userAgents.length).toBeGreaterThanOrEqual(50);
    expect(ips.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    for (const [index, c] of userAgents.entries()) {
      const ip = ips[index % ips.length]!;
      const response = await callHook(
        env.t,
        '/hooks/session-admission',
        {
          tenantId: TENANT,
          requestedAt: new Date().toISOString(),
          sessionId: String(700000 + index),
          channel: 'Chat',
          source: 'Default',
          guest: { userAgent: c.userAgent, ipAddress: ip.ip, language: 'cs-CZ' },
        },
        env.installation().webhookSecret,
      );
      const answer = (await response.json()) as {
        decision: string;
        preview: Record<string, unknown>;
      };
      const expected = {
        deviceType: c.deviceType,
        ...(c.os === null ? {} : { os: c.os }),
        ...(c.browser === null ? {} : { browser: c.browser }),
        country: ip.country,
        language: 'cs-CZ',
      };
      if (
        answer.decision !== 'admit' ||
        JSON.stringify(answer.preview) !== JSON.stringify(expected)
      ) {
        failures.push(`${c.name} / ${ip.ip}: ${JSON.stringify(answer)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('stores the preview of a new session; the queue UI reads it, never the IP', async () => {
    const session = await arrive({
      userAgent: PIXEL,
      ipAddress: '77.75.75.172',
      language: 'cs',
      trackedId: 'p-1',
    });
    const expected = {
      deviceType: 'mobile',
      os: 'Android',
      browser: 'Chrome',
      country: 'CZ',
      language: 'cs',
    };
    // The host keeps what the admission answer carried.
    expect(session.preview).toEqual(expected);
    await env.drain();
    const response = await storedPreview(session.id);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      sessionId: String(session.id),
      preview: expected,
      fields: ALL_FIELDS,
    });
    expect(text).not.toContain('77.75.75.172');
    expect((await readPreview(999999)).status).toBe(404);
  });

  it('applies a changed field selection and switching off to the next read and the next admission', async () => {
    const session = await arrive({ userAgent: PIXEL, ipAddress: '8.8.8.8', language: 'en' });
    await env.drain();
    await eventually(
      async () => ((await readPreview(session.id)).status === 200 ? true : undefined),
      10_000,
      'stored',
    );

    await env.setSettings({
      'general.waitingClientPreview': { enabled: true, fields: ['deviceType'] },
    });
    expect(await (await readPreview(session.id)).json()).toEqual({
      sessionId: String(session.id),
      preview: { deviceType: 'mobile' },
      fields: ['deviceType'],
    });
    expect((await arrive({ userAgent: PIXEL, ipAddress: '8.8.8.8' })).preview).toEqual({
      deviceType: 'mobile',
    });

    await env.setSettings({
      'general.waitingClientPreview': { enabled: false, fields: ['deviceType'] },
    });
    const off = await readPreview(session.id);
    expect(off.status).toBe(404);
    expect(await off.json()).toMatchObject({ code: 'preview_disabled' });
    expect((await arrive({ userAgent: PIXEL })).preview).toBeNull();

    await env.setSettings({
      'general.waitingClientPreview': { enabled: true, fields: ['browser', 'country'] },
    });
    expect(await (await readPreview(session.id)).json()).toMatchObject({
      preview: { browser: 'Chrome', country: 'US' },
    });
  });

  it("erases a session's preview when the session is anonymized, idempotently", async () => {
    const registry = env.t.app.get(SessionErasureRegistry);
    expect(registry.owners()).toEqual(
      expect.arrayContaining(['client-preview', 'bans', 'routed-operators', 'callbacks']),
    );
    const session = await arrive({ userAgent: PIXEL, ipAddress: '8.8.8.8' });
    await env.drain();
    await eventually(
      async () => ((await readPreview(session.id)).status === 200 ? true : undefined),
      10_000,
      'stored',
    );
    const erase = () =>
      env.t.app
        .get(MikroORM)
        .em.fork()
        .transactional((em) =>
          registry.eraseSession({ tenantId: TENANT, sessionId: String(session.id) }, em),
        );
    expect((await erase()).find((r) => r.owner === 'client-preview')).toEqual({
      owner: 'client-preview',
      category: 'preview',
      erased: 1,
    });
    expect((await readPreview(session.id)).status).toBe(404);
    expect((await erase()).find((r) => r.owner === 'client-preview')?.erased).toBe(0);
  });

  describe('on a v1-only host', () => {
    it("derives the preview from v1's OS and browser families and the IP", async () => {
      await env.install(true);
      await env.setSettings({
        'general.waitingClientPreview': {
          enabled: true,
          fields: ['deviceType', 'os', 'browser', 'country'],
        },
      });
      const session = await arrive({
        os: 'IOS',
        browser: 'SAFARI',
        ipAddress: '2a02:598:2::1172',
        userAgent: PIXEL,
      });
      // The host asks no hook, so it has no preview of its own.
      expect(session.preview).toBeNull();
      await env.drain();
      const response = await storedPreview(session.id);
      // v1 does not expose the user agent: the families decide.
      expect(((await response.json()) as { preview: unknown }).preview).toEqual({
        deviceType: 'mobile',
        os: 'iOS',
        browser: 'Safari',
        country: 'CZ',
      });
    });
  });
});
