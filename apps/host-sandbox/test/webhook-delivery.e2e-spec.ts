import { verifyWebhook } from '@switchboard/host-contract';
import { installAgainst, type Installed } from './support/install.js';
import { Receiver } from './support/receiver.js';
import { DEMO_TENANT_ID, startSandbox, waitFor, type Sandbox } from './support/sandbox-harness.js';

describe('webhook delivery', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let installed: Installed;
  let token: string;
  let packageId: number;
  const operatorId = 1001;

  beforeAll(async () => {
    sandbox = await startSandbox();
    receiver = await new Receiver().start();
    installed = await installAgainst(sandbox, receiver);
    token = await sandbox.token(installed.clientId, installed.clientSecret);
    packageId = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/packages`)).body[0]
      .packageId;
  });

  afterEach(async () => {
    await sandbox.control('POST', '/deliveries/drain', {});
    await sandbox.control('DELETE', '/faults/delivery');
    await sandbox.api('DELETE', '/Webhooks', token);
    await sandbox.control('PUT', '/mode', { v1Only: false });
  });

  afterAll(async () => {
    await sandbox.destroy();
    await receiver.stop();
  });

  const register = async (path: string, eventTypes: string[], userinfo = ''): Promise<number> => {
    const url = receiver.url.replace('http://', `http://${userinfo}`);
    const response = await sandbox.api('POST', '/Webhooks', token, {
      eventTypes,
      callbackUrl: `${url}${path}`,
    });
    expect(response.status).toBe(201);
    return response.body as number;
  };
  const setStatus = (status: string, absenceReasonId?: number): Promise<unknown> =>
    sandbox.control('PUT', `/operators/${operatorId}/status`, { status, absenceReasonId });

  it('signs each delivery with Standard Webhooks headers over the tenant webhook secret', async () => {
    await register('/signed', ['SessionCreated', 'SessionStarted']);
    const created = await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/sessions`, {
      packageId,
    });
    const sessionId = created.body.session.id as number;
    const received = await waitFor(
      () => receiver.to('/signed').length >= 2 && receiver.to('/signed'),
    );
    expect(received.map((r) => r.json.eventType)).toEqual(['SessionCreated', 'SessionStarted']);
    expect(received[0]?.json.data).toEqual({
      id: sessionId,
      tenantId: DEMO_TENANT_ID,
      channel: 'Chat',
      source: 'Default',
    });
    for (const request of received) {
      expect(verifyWebhook(installed.webhookSecret, request.headers, request.body)).toEqual({
        ok: true,
      });
      expect(
        verifyWebhook('whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldA==', request.headers, request.body)
          .ok,
      ).toBe(false);
    }
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(2);
  });

  it('delivers v1-style on a v1-only host: Basic credentials from the URL, no id, no extension fields', async () => {
    await sandbox.control('PUT', '/mode', { v1Only: true });
    await register('/v1', ['UserStatusChanged'], 'switchboard:p%40ss@');
    await setStatus('AWAY', 1);
    const [request] = await waitFor(() => receiver.to('/v1').length >= 1 && receiver.to('/v1'));
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from('switchboard:p@ss').toString('base64')}`,
    );
    expect(request?.headers['webhook-id']).toBeUndefined();
    expect(request?.headers['webhook-signature']).toBeUndefined();
    expect(request?.json).toEqual({
      eventType: 'UserStatusChanged',
      data: {
        userId: operatorId,
        status: 'AWAY',
        availabilityStatus: 'AWAY',
        availabilityStatusReason: 'Oběd',
      },
    });
    await setStatus('ONLINE');
  });

  it('adds the absence reason to UserStatusChanged when the extension is on', async () => {
    await register('/status', ['UserStatusChanged']);
    await setStatus('AWAY', 2);
    const [request] = await waitFor(
      () => receiver.to('/status').length >= 1 && receiver.to('/status'),
    );
    expect(request?.json.data).toMatchObject({
      userId: operatorId,
      status: 'AWAY',
      absenceReason: { id: 2, name: 'Porada', isPaid: true },
      stateKind: 'BREAK',
    });
    await setStatus('ONLINE');
  });

  it('retries a failing delivery twice more, then drops it', async () => {
    receiver.on('/down', () => ({ status: 503 }));
    const webhookId = await register('/down', ['EmailThreadCreated']);
    await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
      from: 'a@example.cz',
      subject: 'x',
    });
    await sandbox.control('POST', '/deliveries/drain', {});
    const attempts = receiver.to('/down');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    const [record] = (await sandbox.control('GET', `/deliveries?webhookId=${webhookId}`)).body;
    expect(record).toMatchObject({
      outcome: 'dropped',
      attempts: [{ status: 503 }, { status: 503 }, { status: 503 }],
    });
  });

  it('counts a later success after a failure as delivered', async () => {
    let calls = 0;
    receiver.on('/flaky', () => ({ status: ++calls === 1 ? 500 : 204 }));
    const webhookId = await register('/flaky', ['EmailThreadCreated']);
    await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
      from: 'b@example.cz',
      subject: 'y',
    });
    await sandbox.control('POST', '/deliveries/drain', {});
    expect(receiver.to('/flaky')).toHaveLength(2);
    const [record] = (await sandbox.control('GET', `/deliveries?webhookId=${webhookId}`)).body;
    expect(record).toMatchObject({
      outcome: 'delivered',
      attempts: [{ status: 500 }, { status: 204 }],
    });
  });

  it('sends the events of one entity in order, even when the receiver is slow', async () => {
    receiver.on('/ordered', (request) => ({
      status: 204,
      delayMs: request.json.data.status === 'AWAY' ? 60 : 0,
    }));
    await register('/ordered', ['UserStatusChanged']);
    const sequence = ['AWAY', 'ONLINE', 'OFFLINE', 'AWAY', 'ONLINE'];
    for (const status of sequence) await setStatus(status);
    await sandbox.control('POST', '/deliveries/drain', {});
    expect(receiver.to('/ordered').map((r) => r.json.data.status)).toEqual(sequence);
  });

  it('duplicates the configured number of deliveries with the same webhook-id', async () => {
    await register('/dup', ['EmailThreadCreated']);
    await sandbox.control('PUT', '/faults/delivery', { duplicate: { copies: 2, times: 1 } });
    await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
      from: 'c@example.cz',
      subject: 'first',
    });
    await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
      from: 'd@example.cz',
      subject: 'second',
    });
    await sandbox.control('POST', '/deliveries/drain', {});
    const received = receiver.to('/dup');
    expect(received).toHaveLength(4);
    const threads = (await sandbox.control('GET', '/state/emailThreads')).body as {
      id: number;
      subject: string;
    }[];
    const about = (subject: string): typeof received =>
      received.filter((r) => threads.find((t) => t.id === r.json.data.id)?.subject === subject);
    const first = about('first');
    const second = about('second');
    expect(first).toHaveLength(3);
    expect(new Set(first.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(second).toHaveLength(1);
    expect(second[0]?.headers['webhook-id']).not.toBe(first[0]?.headers['webhook-id']);
  });

  it('shuffles a batch of deliveries out of order and still delivers all of them', async () => {
    await register('/shuffled', ['UserStatusChanged']);
    await sandbox.control('PUT', '/faults/delivery', { shuffle: { batchSize: 8, windowMs: 2000 } });
    const sequence = ['AWAY', 'ONLINE', 'OFFLINE', 'BUSY', 'AWAY', 'ONLINE', 'OFFLINE', 'ONLINE'];
    for (const status of sequence) await setStatus(status);
    await sandbox.control('POST', '/deliveries/drain', {});
    const received = receiver
      .to('/shuffled')
      .map((r) => `${r.json.data.status}@${r.json.data.changed}`);
    expect(received).toHaveLength(8);
    const published = (await sandbox.control('GET', '/deliveries?eventType=UserStatusChanged')).body
      .filter((d: { url: string }) => d.url.endsWith('/shuffled'))
      .map(
        (d: { body: string }) =>
          JSON.parse(d.body) as { data: { status: string; changed: string } },
      )
      .map(
        (b: { data: { status: string; changed: string } }) => `${b.data.status}@${b.data.changed}`,
      );
    expect([...received].sort()).toEqual([...published].sort());
    expect(received).not.toEqual(published);
  });

  it('drops the configured deliveries without sending them', async () => {
    const webhookId = await register('/lossy', ['EmailThreadCreated']);
    await sandbox.control('PUT', '/faults/delivery', { drop: { times: 1 } });
    await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
      from: 'e@example.cz',
      subject: 'lost',
    });
    await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
      from: 'f@example.cz',
      subject: 'kept',
    });
    await sandbox.control('POST', '/deliveries/drain', {});
    expect(receiver.to('/lossy')).toHaveLength(1);
    const outcomes = (await sandbox.control('GET', `/deliveries?webhookId=${webhookId}`)).body.map(
      (d: { outcome: string }) => d.outcome,
    );
    expect(outcomes).toEqual(['fault_dropped', 'delivered']);
  });
});
