import { startSandbox, type Sandbox } from './support/sandbox-harness.js';

describe('v1 webhook registration', () => {
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await sandbox.token();
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  it('answers 201 with the new id, then 409 with the same id for the same URL', async () => {
    const body = {
      eventTypes: ['SessionCreated', 'sessionended'],
      callbackUrl: 'http://user:pw@127.0.0.1:9/hook',
    };
    const created = await sandbox.api('POST', '/Webhooks', token, body);
    expect(created.status).toBe(201);
    expect(typeof created.body).toBe('number');
    const conflict = await sandbox.api('POST', '/Webhooks', token, {
      ...body,
      eventTypes: ['UserStatusChanged'],
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toBe(created.body);
    const one = await sandbox.api('GET', `/Webhooks/${created.body}`, token);
    expect(one.body).toEqual({
      id: created.body,
      eventTypes: ['SessionCreated', 'SessionEnded'],
      callbackUrl: body.callbackUrl,
    });
  });

  it('replaces a registration with PUT and deletes one or all', async () => {
    const first = await sandbox.api('POST', '/Webhooks', token, {
      eventTypes: ['SessionCreated'],
      callbackUrl: 'http://127.0.0.1:9/a',
    });
    const second = await sandbox.api('POST', '/Webhooks', token, {
      eventTypes: ['SessionCreated'],
      callbackUrl: 'http://127.0.0.1:9/b',
    });
    const put = await sandbox.api('PUT', `/webhooks/${first.body}`, token, {
      eventTypes: ['EmailThreadCreated', 'GuestDisconnected'],
      callbackUrl: 'http://127.0.0.1:9/a2',
    });
    expect(put.status).toBe(204);
    expect((await sandbox.api('GET', `/Webhooks/${first.body}`, token)).body).toMatchObject({
      eventTypes: ['EmailThreadCreated', 'GuestDisconnected'],
      callbackUrl: 'http://127.0.0.1:9/a2',
    });
    expect((await sandbox.api('DELETE', `/Webhooks/${second.body}`, token)).status).toBe(204);
    expect((await sandbox.api('GET', `/Webhooks/${second.body}`, token)).status).toBe(404);
    expect((await sandbox.api('DELETE', '/Webhooks', token)).status).toBe(204);
    expect((await sandbox.api('GET', '/Webhooks', token)).body).toEqual([]);
  });

  it('refuses unknown event types and invalid URLs, naming the field', async () => {
    const unknown = await sandbox.api('POST', '/Webhooks', token, {
      eventTypes: ['SessionExploded'],
      callbackUrl: 'http://127.0.0.1:9/x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_event_type', path: ['eventTypes', '0'] });
    const badUrl = await sandbox.api('POST', '/Webhooks', token, {
      eventTypes: ['SessionCreated'],
      callbackUrl: 'not a url',
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.path).toEqual(['callbackUrl']);
  });

  it('does not accept extension event types on a v1-only host', async () => {
    await sandbox.control('PUT', '/mode', { v1Only: true });
    try {
      const refused = await sandbox.api('POST', '/Webhooks', token, {
        eventTypes: ['GuestReconnected'],
        callbackUrl: 'http://127.0.0.1:9/v1',
      });
      expect(refused.status).toBe(400);
    } finally {
      await sandbox.control('PUT', '/mode', { v1Only: false });
    }
  });
});
