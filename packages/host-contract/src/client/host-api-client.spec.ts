import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { verifyWebhook } from '../signing/standard-webhooks.js';
import { HostApiClient, type HostApiClientOptions, type HostApiLimits } from './host-api-client.js';
import { HostApiError, isHostApiError } from './host-api-error.js';

/*
 * The client against a real HTTP server that plays the host and injects faults. Delays go through
 * an injected sleep (recorded, not waited) and time through an injected clock, so the suite is fast.
 */

const CLIENT_ID = 'switchboard-tenant-42';
const CLIENT_SECRET = 'client-secret-Zq8v2Lx9';
const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqXsOsMSDlwQZ0fm1EIcS4tb6IOT0ZeAZk=';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

class FakeHost {
  readonly requests: Recorded[] = [];
  readonly tokenRequests: Recorded[] = [];
  /** Handlers for API requests, used once each in order; `fallback` after that. */
  readonly script: Handler[] = [];
  fallback: Handler = (_req, res) => json(res, 200, sessionBody());
  tokenHandler: Handler;
  validTokens = new Set<string>();
  inFlight = 0;
  maxInFlight = 0;
  private tokenCounter = 0;
  private server: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor() {
    this.tokenHandler = (_req, res) => {
      this.tokenCounter += 1;
      const token = `tok-${this.tokenCounter}`;
      this.validTokens.add(token);
      json(res, 200, { access_token: token, expires_in: 3600, token_type: 'Bearer' });
    };
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const record = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        };
        if (req.url === '/login/connect/token') {
          this.tokenRequests.push(record);
          this.tokenHandler(req, res, record.body);
          return;
        }
        this.requests.push(record);
        const auth = req.headers.authorization ?? '';
        if (!this.validTokens.has(auth.replace(/^Bearer /, ''))) {
          json(res, 401, { code: 'unauthorized' });
          return;
        }
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        res.on('close', () => {
          this.inFlight -= 1;
        });
        const handler = this.script.shift() ?? this.fallback;
        handler(req, res, record.body);
      });
    });
  }

  get tokensIssued(): number {
    return this.tokenCounter;
  }

  hang(res: ServerResponse): void {
    this.hanging.add(res);
  }

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function sessionBody(id: number | string = 123456789012) {
  return {
    id,
    companyId: 1,
    departmentId: 42,
    channel: 'Chat',
    source: 'Default',
    status: 'ACTIVE',
    created: '2026-11-25T14:00:00+02:00',
    guest: {
      ipAddress: '198.51.100.7',
      trackedId: 'b7d3c1e0',
      os: 'WINDOWS',
      browser: 'CHROME',
      language: 'cs',
    },
    activities: [],
  };
}

interface Harness {
  host: FakeHost;
  client: HostApiClient;
  delays: number[];
  logs: { level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }[];
  clock: { offsetMs: number };
}

const hosts: FakeHost[] = [];

async function harness(
  limits: Partial<HostApiLimits> = {},
  extra: Partial<HostApiClientOptions> = {},
): Promise<Harness> {
  const host = new FakeHost();
  hosts.push(host);
  const origin = await host.start();
  const delays: number[] = [];
  const logs: Harness['logs'] = [];
  const clock = { offsetMs: 0 };
  const client = new HostApiClient({
    baseUrl: `${origin}/api/v1`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    webhookSecret: WEBHOOK_SECRET,
    tenantId: '42',
    limits: {
      maxConcurrency: 4,
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      maxTotalDelayMs: 10_000,
      attemptTimeoutMs: 2000,
      circuitFailureThreshold: 50,
      circuitCooldownMs: 30_000,
      ...limits,
    },
    now: () => Date.now() + clock.offsetMs,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    random: () => 1,
    logger: {
      info: (fields, message) =>
        logs.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
      warn: (fields, message) =>
        logs.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
    },
    ...extra,
  });
  return { host, client, delays, logs, clock };
}

async function failure(promise: Promise<unknown>): Promise<HostApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HostApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

describe('HostApiClient: retries', () => {
  it('retries 5xx with exponential full-jitter backoff until the host answers', async () => {
    const { host, client, delays, logs } = await harness();
    host.script.push(
      (_q, res) => json(res, 503, { code: 'unavailable' }),
      (_q, res) => json(res, 502, undefined),
    );
    const session = await client.getSession('123456789012');
    expect(session.id).toBe('123456789012');
    expect(host.requests).toHaveLength(3);
    // random() = 1 gives the ceiling: base · 2^(n−1).
    expect(delays).toEqual([100, 200]);
    expect(logs.at(-1)?.fields).toMatchObject({
      method: 'GET',
      path: '/Sessions/{sessionId}',
      status: 200,
      attempts: 3,
      outcome: 'ok',
    });
  });

  it('gives up after maxAttempts with a typed http error', async () => {
    const { host, client } = await harness({ maxAttempts: 3 });
    host.fallback = (_q, res) => json(res, 500, { code: 'boom' });
    const error = await failure(client.getSession('1'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.attempts).toBe(3);
    expect(error.body).toEqual({ code: 'boom' });
    expect(host.requests).toHaveLength(3);
  });

  it('honours Retry-After in seconds on 429', async () => {
    const { host, client, delays } = await harness();
    host.script.push((_q, res) => json(res, 429, { code: 'slow_down' }, { 'retry-after': '2' }));
    await client.getSession('1');
    expect(delays).toEqual([2000]);
    expect(host.requests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date on 429', async () => {
    const { host, client, delays } = await harness();
    host.script.push((_q, res) =>
      json(res, 429, {}, { 'retry-after': new Date(Date.now() + 3000).toUTCString() }),
    );
    await client.getSession('1');
    expect(delays).toHaveLength(1);
    // HTTP dates have whole seconds.
    expect(delays[0]).toBeGreaterThan(1000);
    expect(delays[0]).toBeLessThanOrEqual(3000);
  });

  it('does not wait beyond maxTotalDelayMs: a long Retry-After ends the call', async () => {
    const { host, client, delays } = await harness({ maxTotalDelayMs: 5000 });
    host.script.push((_q, res) => json(res, 429, {}, { 'retry-after': '60' }));
    const error = await failure(client.getSession('1'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(429);
    expect(delays).toEqual([]);
    expect(host.requests).toHaveLength(1);
  });

  it('times an attempt out and retries it', async () => {
    const { host, client } = await harness({ attemptTimeoutMs: 80 });
    host.script.push((_q, res) => host.hang(res));
    const session = await client.getSession('7');
    expect(session.id).toBe('123456789012');
    expect(host.requests).toHaveLength(2);
  });

  it('reports a timeout when every attempt hangs', async () => {
    const { host, client } = await harness({ attemptTimeoutMs: 50, maxAttempts: 2 });
    host.fallback = (_q, res) => host.hang(res);
    const error = await failure(client.getSession('7'));
    expect(error.kind).toBe('timeout');
    expect(error.attempts).toBe(2);
  });

  it('retries a connection reset', async () => {
    const { host, client } = await harness();
    host.script.push((req) => req.socket.destroy());
    await expect(client.getSession('1')).resolves.toMatchObject({ id: '123456789012' });
    expect(host.requests).toHaveLength(2);
  });

  it('reports a network error when the connection keeps dropping', async () => {
    const { host, client } = await harness({ maxAttempts: 2 });
    host.fallback = (req) => req.socket.destroy();
    const error = await failure(client.getSession('1'));
    expect(error.kind).toBe('network');
    expect(error.status).toBeNull();
  });

  it('does not retry other 4xx answers', async () => {
    const { host, client } = await harness();
    host.script.push((_q, res) => json(res, 404, { code: 'not_found' }));
    const error = await failure(client.getSession('404'));
    expect(error).toMatchObject({ kind: 'http', status: 404, attempts: 1 });
    expect(host.requests).toHaveLength(1);
  });

  it('findSession answers null for a session the host does not know, and still fails on other errors', async () => {
    const { host, client } = await harness({ maxAttempts: 2 });
    host.script.push((_q, res) => json(res, 404, { code: 'not_found' }));
    await expect(client.findSession('404')).resolves.toBeNull();
    await expect(client.findSession('123456789012')).resolves.toMatchObject({ id: '123456789012' });
    host.fallback = (_q, res) => json(res, 500, { code: 'boom' });
    expect(await failure(client.findSession('1'))).toMatchObject({ kind: 'http', status: 500 });
  });

  it('turns a 2xx body that does not match the contract into a typed error, without retrying', async () => {
    const { host, client } = await harness();
    host.script.push((_q, res) => json(res, 200, { id: 'not-a-number', channel: 'Chat' }));
    const error = await failure(client.getSession('1'));
    expect(isHostApiError(error, 'invalid_response')).toBe(true);
    expect(host.requests).toHaveLength(1);
  });
});

describe('HostApiClient: tokens', () => {
  it('sends client credentials as a form and the token as a bearer header', async () => {
    const { host, client } = await harness();
    await client.getSession('1');
    const form = new URLSearchParams(host.tokenRequests[0]?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe(CLIENT_ID);
    expect(form.get('client_secret')).toBe(CLIENT_SECRET);
    expect(host.requests[0]?.headers.authorization).toBe('Bearer tok-1');
  });

  it('refreshes once and retries after a 401', async () => {
    const { host, client } = await harness();
    await client.getSession('1');
    host.validTokens.delete('tok-1');
    await client.getSession('1');
    expect(host.tokensIssued).toBe(2);
    expect(host.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
  });

  it('fails with http 401 when the fresh token is refused too', async () => {
    const { host, client } = await harness();
    host.validTokens = new (class extends Set<string> {
      override has(): boolean {
        return false;
      }
    })();
    const error = await failure(client.getSession('1'));
    expect(error).toMatchObject({ kind: 'http', status: 401 });
    expect(host.tokensIssued).toBe(2);
  });

  it('refreshes the token before it expires (expires_in minus the margin)', async () => {
    const { host, client, clock } = await harness({ tokenRefreshMarginMs: 60_000 });
    host.tokenHandler = (_req, res) => {
      const token = `short-${host.tokenRequests.length}`;
      host.validTokens.add(token);
      json(res, 200, { access_token: token, expires_in: 300, token_type: 'Bearer' });
    };
    await client.getSession('1');
    clock.offsetMs = 200_000;
    await client.getSession('1');
    expect(host.tokenRequests).toHaveLength(1);
    clock.offsetMs = 241_000;
    await client.getSession('1');
    expect(host.tokenRequests).toHaveLength(2);
    expect(host.requests.at(-1)?.headers.authorization).toBe('Bearer short-2');
  });

  it('shares one token request between concurrent calls', async () => {
    const { host, client } = await harness({ maxConcurrency: 8 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => client.getSession(String(i))));
    expect(host.tokenRequests).toHaveLength(1);
    expect(client.tokenFetches).toBe(1);
  });

  it('reports refused client credentials as an auth error without retrying', async () => {
    const { host, client } = await harness();
    host.tokenHandler = (_req, res) => json(res, 400, { error: 'invalid_client' });
    const error = await failure(client.getSession('1'));
    expect(error.kind).toBe('auth');
    expect(host.tokenRequests).toHaveLength(1);
    expect(host.requests).toHaveLength(0);
  });
});

describe('HostApiClient: circuit breaker', () => {
  it('opens after N consecutive failures, fails fast while open, probes once half-open, closes on success', async () => {
    const { host, client, clock } = await harness({
      maxAttempts: 1,
      circuitFailureThreshold: 3,
      circuitCooldownMs: 30_000,
    });
    host.fallback = (_q, res) => json(res, 503, {});
    for (let i = 0; i < 3; i += 1) {
      expect((await failure(client.getSession('1'))).kind).toBe('http');
    }
    expect(client.circuitState).toBe('open');

    const fast = await failure(client.getSession('1'));
    expect(fast.kind).toBe('circuit_open');
    expect(fast.retryAt).toBeGreaterThan(Date.now());
    expect(host.requests).toHaveLength(3);

    clock.offsetMs = 30_001;
    expect(client.circuitState).toBe('half_open');
    // The probe fails: open again for another cool-down.
    expect((await failure(client.getSession('1'))).kind).toBe('http');
    expect(client.circuitState).toBe('open');
    expect((await failure(client.getSession('1'))).kind).toBe('circuit_open');

    clock.offsetMs = 60_002;
    host.fallback = (_q, res) => json(res, 200, sessionBody());
    await client.getSession('1');
    expect(client.circuitState).toBe('closed');
    await client.getSession('1');
    expect(host.requests).toHaveLength(6);
  });

  it('lets only one probe through while half-open', async () => {
    const { host, client, clock } = await harness({
      maxAttempts: 1,
      circuitFailureThreshold: 1,
      circuitCooldownMs: 1000,
    });
    host.script.push((_q, res) => json(res, 500, {}));
    await failure(client.getSession('1'));
    clock.offsetMs = 1001;
    let release: () => void = () => undefined;
    host.script.push((_q, res) => {
      release = () => json(res, 200, sessionBody());
    });
    const probe = client.getSession('probe');
    while (host.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await failure(client.getSession('other'))).kind).toBe('circuit_open');
    release();
    await probe;
    expect(client.circuitState).toBe('closed');
  });

  it('stops retrying a call once the circuit opens under it', async () => {
    const { host, client } = await harness({ maxAttempts: 5, circuitFailureThreshold: 2 });
    host.fallback = (_q, res) => json(res, 502, {});
    const error = await failure(client.getSession('1'));
    expect(error.kind).toBe('circuit_open');
    expect(host.requests).toHaveLength(2);
  });

  it('does not count 4xx and 429 answers as host failures', async () => {
    const { host, client } = await harness({ maxAttempts: 1, circuitFailureThreshold: 2 });
    host.fallback = (_q, res) => json(res, 404, {});
    await failure(client.getSession('1'));
    await failure(client.getSession('1'));
    host.fallback = (_q, res) => json(res, 429, {}, { 'retry-after': '1' });
    await failure(client.getSession('1'));
    await failure(client.getSession('1'));
    expect(client.circuitState).toBe('closed');
  });
});

describe('HostApiClient: idempotency and concurrency', () => {
  it('sends one Idempotency-Key per logical mutating call, the same on each retry', async () => {
    const { host, client } = await harness();
    const ended = { sessionId: '5', outcome: 'ENDED', endedAt: '2026-11-25T14:00:00Z' };
    host.script.push(
      (_q, res) => json(res, 503, {}),
      (_q, res) => json(res, 200, ended),
      (_q, res) => json(res, 200, { ...ended, outcome: 'ALREADY_ENDED' }),
    );
    await client.endSession('5', { reason: 'disconnect_grace_expired' });
    const second = await client.endSession('5', { reason: 'disconnect_grace_expired' });
    expect(second.outcome).toBe('ALREADY_ENDED');
    const keys = host.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[2]).not.toBe(keys[0]);
    expect(host.requests[0]?.url).toBe('/api/v1/extension/sessions/5/end');
    expect(JSON.parse(host.requests[0]?.body ?? '')).toEqual({
      reason: 'disconnect_grace_expired',
    });
  });

  it('sends no Idempotency-Key on reads', async () => {
    const { host, client } = await harness();
    await client.getSession('1');
    expect(host.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('never has more requests in flight than the tenant limit', async () => {
    const { host, client } = await harness({ maxConcurrency: 2 });
    host.fallback = (_q, res) => setTimeout(() => json(res, 200, sessionBody()), 20);
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.getSession(String(i))));
    expect(host.requests).toHaveLength(8);
    expect(host.maxInFlight).toBe(2);
  });
});

describe('HostApiClient: logging', () => {
  it('logs method, path template, status, attempts, latency and outcome, and never a secret, token or body', async () => {
    const { host, client, logs } = await harness();
    host.script.push(
      (_q, res) => json(res, 500, {}),
      (_q, res) => json(res, 200, sessionBody()),
    );
    await client.getSession('123456789012');
    host.script.push((_q, res) => json(res, 403, { code: 'forbidden', detail: 'tok-1' }));
    await failure(client.endSession('9', { reason: 'admin_request', note: 'private note' }));
    await client.notifySettingsUpdated({
      type: 'settings.updated',
      tenantId: '42',
      version: 3,
      changedKeys: ['chat.avRecording'],
      packageIds: ['7'],
    });
    const calls = logs.filter((entry) => 'outcome' in entry.fields);
    expect(calls.map((entry) => entry.fields['outcome'])).toEqual(['ok', 'http', 'ok']);
    expect(calls[0]?.fields).toMatchObject({
      tenantId: '42',
      method: 'GET',
      path: '/Sessions/{sessionId}',
      status: 200,
      attempts: 2,
      latencyMs: expect.any(Number),
    });
    expect(calls[1]).toMatchObject({
      level: 'warn',
      fields: { path: '/extension/sessions/{sessionId}/end', status: 403 },
    });
    const text = JSON.stringify(logs);
    for (const secret of [
      CLIENT_SECRET,
      WEBHOOK_SECRET,
      'tok-1',
      'Bearer',
      'private note',
      '123456789012',
      'chat.avRecording',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('HostApiClient: typed methods', () => {
  it('registers a webhook and, on 409, replaces the existing registration', async () => {
    const { host, client } = await harness();
    const model = {
      eventTypes: ['SessionCreated', 'SessionEnded'],
      callbackUrl: 'https://u:p@sb.example/webhooks/42',
    };
    host.script.push((_q, res) => json(res, 201, 11));
    await expect(client.registerWebhook(model)).resolves.toEqual({ id: 11, created: true });
    host.script.push(
      (_q, res) => json(res, 409, 11),
      (_q, res) => {
        res.writeHead(204);
        res.end();
      },
    );
    await expect(client.registerWebhook(model)).resolves.toEqual({ id: 11, created: false });
    expect(host.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/Webhooks',
      'POST /api/v1/Webhooks',
      'PUT /api/v1/Webhooks/11',
    ]);
    expect(JSON.parse(host.requests[2]?.body ?? '')).toEqual(model);
  });

  it('lists webhooks, tolerating event names it does not know', async () => {
    const { host, client } = await harness();
    host.script.push((_q, res) =>
      json(res, 200, [
        { id: 3, eventTypes: ['SessionCreated', 'FutureEvent'], callbackUrl: 'https://x' },
      ]),
    );
    await expect(client.listWebhooks()).resolves.toEqual([
      { id: 3, eventTypes: ['SessionCreated', 'UNKNOWN'], callbackUrl: 'https://x' },
    ]);
  });

  it('serialises list filters into the query string the host expects', async () => {
    const { host, client } = await harness();
    host.script.push((_q, res) => json(res, 200, [sessionBody(1), sessionBody('2')]));
    const sessions = await client.listSessions({
      created: { min: '2026-11-01T00:00:00Z' },
      channel: ['Chat', 'AV'],
      limit: 50,
      offset: 100,
    });
    expect(sessions.map((s) => s.id)).toEqual(['1', '2']);
    expect(host.requests[0]?.url).toBe(
      '/api/v1/Sessions?Created.Min=2026-11-01T00%3A00%3A00Z&Channel=Chat&Channel=AV&limit=50&offset=100',
    );
  });

  it('reports a thread held by another operator instead of failing', async () => {
    const { host, client } = await harness();
    host.script.push((_q, res) =>
      json(res, 409, { code: 'already_assigned', threadId: 77, userId: 18 }),
    );
    await expect(client.assignEmailThread('77', 17)).resolves.toEqual({
      assigned: false,
      threadId: '77',
      heldBy: 18,
    });
    host.script.push((_q, res) =>
      json(res, 200, { threadId: '77', userId: 17, assignedAt: '2026-11-25T10:00:00Z' }),
    );
    await expect(client.assignEmailThread('77', 17)).resolves.toMatchObject({
      assigned: true,
      userId: 17,
    });
  });

  it('signs the settings-updated notification with the tenant webhook secret', async () => {
    const { host, client } = await harness();
    host.script.push((_q, res) => {
      res.writeHead(204);
      res.end();
    });
    await client.notifySettingsUpdated({
      type: 'settings.updated',
      tenantId: '42',
      version: 4,
      changedKeys: ['chat.statusWhenAllAway'],
      packageIds: [],
    });
    const request = host.requests[0];
    expect(request?.url).toBe('/api/v1/extension/settings-updated');
    expect(request?.headers['webhook-id']).toBe('msg_settings_42_4');
    expect(verifyWebhook(WEBHOOK_SECRET, request?.headers ?? {}, request?.body ?? '')).toEqual({
      ok: true,
    });
  });

  it('sends the notification under a given id on every retry, and without a token when asked', async () => {
    const { host, client } = await harness();
    // This host authenticates the notification by its signature alone.
    host.validTokens.add('');
    host.script.push(
      (_q, res) => json(res, 503, {}),
      (_q, res) => {
        res.writeHead(204);
        res.end();
      },
    );
    await client.notifySettingsUpdated(
      {
        type: 'settings.updated',
        tenantId: '42',
        version: 1,
        changedKeys: ['chat.clientHistory'],
        packageIds: [],
      },
      { messageId: 'msg_settings_change-7', bearerToken: false },
    );
    expect(host.tokenRequests).toHaveLength(0);
    expect(host.requests.map((request) => request.headers['webhook-id'])).toEqual([
      'msg_settings_change-7',
      'msg_settings_change-7',
    ]);
    expect(host.requests.map((request) => request.headers.authorization)).toEqual([
      undefined,
      undefined,
    ]);
    const retried = host.requests[1];
    expect(verifyWebhook(WEBHOOK_SECRET, retried?.headers ?? {}, retried?.body ?? '')).toEqual({
      ok: true,
    });
  });

  it('derives activities and files from the session', async () => {
    const { host, client } = await harness();
    const body = {
      ...sessionBody(),
      activities: [
        {
          activityId: 1,
          time: '2026-11-25T10:00:00Z',
          type: 'SharedFile',
          file: { id: 5, name: 'a.pdf', downloadUrl: 'https://f/5' },
        },
        { activityId: 2, time: '2026-11-25T10:01:00Z', type: 'CHAT_MESSAGE', text: 'hi' },
      ],
      recordings: [
        { id: 9, name: 'rec', duration: 'PT1M30S', type: 'ALL_PARTICIPANTS', isDeleted: false },
      ],
    };
    host.fallback = (_q, res) => json(res, 200, body);
    const activities = await client.getSessionActivities('1');
    expect(activities.map((a) => a.type)).toEqual(['SharedFile', 'ChatMessage']);
    const files = await client.listSessionFiles('1');
    expect(files).toEqual([
      {
        kind: 'file',
        id: '5',
        name: 'a.pdf',
        downloadUrl: 'https://f/5',
        isDeleted: false,
        activityId: '1',
      },
      {
        kind: 'recording',
        id: '9',
        name: 'rec',
        downloadUrl: null,
        isDeleted: false,
        activityId: null,
      },
    ]);
  });

  it('deletes files with the v1 endpoint and reads per-file results', async () => {
    const { host, client } = await harness();
    host.script.push((_q, res) =>
      json(res, 200, [
        { fileId: 5, state: 'REMOVED' },
        { fileId: 6, state: 'AlreadyRemoved' },
      ]),
    );
    await expect(client.deleteSessionFiles('1', [5, 6])).resolves.toEqual([
      { fileId: 5, state: 'REMOVED' },
      { fileId: 6, state: 'ALREADY_REMOVED' },
    ]);
    expect(host.requests[0]).toMatchObject({ method: 'DELETE', url: '/api/v1/Sessions/1/files' });
    expect(JSON.parse(host.requests[0]?.body ?? '')).toEqual({ fileIds: [5, 6] });
  });

  it('reads operator states from a bare array or the paged wrapper', async () => {
    const { host, client } = await harness();
    const state = { userId: 17, stateKind: 'BREAK', breakStateId: 3, breakStateName: 'Oběd' };
    host.script.push(
      (_q, res) => json(res, 200, [state]),
      (_q, res) => json(res, 200, { limit: 100, page: 0, totalCount: 1, data: [state] }),
    );
    expect(await client.getOperatorStates()).toEqual(await client.getOperatorStates());
  });
});
