import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TENANT_ID, startSandbox, tempDataDir } from './support/sandbox-harness.js';

describe('persisted state', () => {
  const dataDir = tempDataDir();

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives a restart on the same data dir', async () => {
    const first = await startSandbox({}, dataDir);
    const token = await first.token();
    const created = await first.control('POST', `/tenants/${DEMO_TENANT_ID}/sessions`, {
      message: 'Zůstanu tu?',
    });
    const webhook = await first.api('POST', '/Webhooks', token, {
      eventTypes: ['SessionEnded'],
      callbackUrl: 'http://127.0.0.1:9/kept',
    });
    await first.control('PUT', '/operators/1001/status', { status: 'AWAY', absenceReasonId: 3 });
    await first.control('POST', '/faults/rules', {
      path: '/api/v1/Users',
      action: { kind: 'status', status: 500 },
      times: 5,
    });
    await first.close();
    expect(existsSync(join(dataDir, 'state.json'))).toBe(true);
    expect(existsSync(join(dataDir, `state.json.${process.pid}.tmp`))).toBe(false);

    const second = await startSandbox({}, dataDir);
    try {
      const session = await second.api('GET', `/Sessions/${created.body.session.id}`, token);
      expect(session.status).toBe(200);
      expect(session.body.activities[0].text).toBe('Zůstanu tu?');
      expect((await second.api('GET', '/Webhooks', token)).body).toEqual([
        { id: webhook.body, eventTypes: ['SessionEnded'], callbackUrl: 'http://127.0.0.1:9/kept' },
      ]);
      const operator = (
        await second.control('GET', `/tenants/${DEMO_TENANT_ID}/operators`)
      ).body.find((o: { id: number }) => o.id === 1001);
      expect(operator).toMatchObject({ status: 'AWAY', availabilityStatusReason: 'Školení' });
      expect((await second.control('GET', '/tenants')).body).toHaveLength(1);
      const next = await second.control('POST', `/tenants/${DEMO_TENANT_ID}/sessions`, {});
      expect(next.body.session.id).toBe(created.body.session.id + 1);
      expect((await second.control('GET', '/faults')).body.rules[0]).toMatchObject({
        remaining: 5,
      });
    } finally {
      await second.close();
    }
  });

  it('writes the snapshot shortly after a change, without waiting for shutdown', async () => {
    const sandbox = await startSandbox({}, dataDir);
    try {
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
        from: 'zapis@example.cz',
        subject: 'Uloženo',
      });
      await new Promise((resolve) => setTimeout(resolve, 60));
      const snapshot = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
        emailThreads: { subject: string }[];
      };
      expect(snapshot.emailThreads.map((t) => t.subject)).toContain('Uloženo');
    } finally {
      await sandbox.close();
    }
  });

  it('starts empty after a reset, and seeds again on request', async () => {
    const sandbox = await startSandbox({}, dataDir);
    try {
      expect((await sandbox.control('POST', '/reset', {})).body).toEqual({
        reset: true,
        seeded: null,
      });
      expect((await sandbox.control('GET', '/state/sessions')).body).toEqual([]);
      expect((await sandbox.control('GET', '/tenants')).body).toEqual([]);
      const seeded = (await sandbox.control('POST', '/seed', {})).body;
      expect(seeded).toMatchObject({ clientId: 'demo-client', clientSecret: 'demo-secret' });
    } finally {
      await sandbox.close();
    }
  });
});
