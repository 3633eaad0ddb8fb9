import { randomUUID } from 'node:crypto';
import { startFakeHost, type FakeHost } from './support/fake-host.js';
import { callHook, deliver, eventually, sessionCreated } from './support/host-deliveries.js';
import { captureLogs } from './support/log-capture.js';
import { hostToken, installTenant, type InstalledTenant, panelSession } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface LogLine {
  msg?: string;
  reqId?: unknown;
  tenantId?: unknown;
  req?: { id?: unknown; url?: string; headers?: Record<string, unknown> };
  res?: { statusCode?: number };
}

const METRICS_TOKEN = `metrics-${randomUUID()}`;

describe('request logs: request id and tenant id on every request line, no secrets anywhere', () => {
  let t: TestApp;
  let host: FakeHost;
  let tenant: InstalledTenant;
  const logs = captureLogs();
  /** Credentials that crossed the wire during the test; none may be logged. */
  const secrets: string[] = [METRICS_TOKEN];

  const parsed = (): LogLine[] => logs.lines.map((line) => JSON.parse(line) as LogLine);
  /** The line pino-http writes when the request with this X-Request-Id finished. */
  const requestLine = (reqId: string): Promise<LogLine> =>
    eventually(
      () => parsed().find((line) => line.res !== undefined && line.reqId === reqId),
      5000,
      `the request line of ${reqId}`,
    );

  beforeAll(async () => {
    host = await startFakeHost();
    // debug: the most a production operator would turn on; everything logged there must be clean.
    t = await startTestApp({
      env: { LOG_LEVEL: 'debug', METRICS_TOKEN },
      logDestination: logs.destination,
    });
    tenant = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
    secrets.push(...Object.values(tenant.secrets), 'fake-token');
    // The registration at install calls the host with a bearer token; wait until it did.
    await eventually(
      () => (host.calls.some((call) => call.method === 'POST') ? true : undefined),
      10_000,
      'the webhook registration',
    );
  });

  afterAll(async () => {
    await t?.close();
    await host?.close();
  });

  it('a panel request: reqId (the caller X-Request-Id), the principal tenant, the bearer redacted', async () => {
    const session = await panelSession(t, tenant, ['admin']);
    secrets.push(session.authorization.slice('Bearer '.length));
    const reqId = `panel-${randomUUID()}`;
    const response = await fetch(`${t.baseUrl}/api/auth/me`, {
      headers: { authorization: session.authorization, 'x-request-id': reqId },
    });
    expect(response.status).toBe(200);
    const line = await requestLine(reqId);
    expect(line).toMatchObject({
      reqId,
      tenantId: tenant.tenantId,
      req: { id: reqId, url: '/api/auth/me', headers: { authorization: '[redacted]' } },
      res: { statusCode: 200 },
    });
  });

  it('a host call with a JWT: the token is redacted, the tenant comes from the token', async () => {
    const jwt = await hostToken(tenant.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      roles: ['host'],
    });
    secrets.push(jwt);
    const reqId = `jwt-${randomUUID()}`;
    const response = await fetch(`${t.baseUrl}/api/host/settings/effective`, {
      headers: { authorization: `Bearer ${jwt}`, 'x-request-id': reqId },
    });
    expect(response.status).toBe(200);
    const line = await requestLine(reqId);
    expect(line.tenantId).toBe(tenant.tenantId);
    expect(line.req?.headers?.['authorization']).toBe('[redacted]');
  });

  it('a webhook and a decision hook: the tenant named, the signatures redacted', async () => {
    const webhookReq = `webhook-${randomUUID()}`;
    const delivered = await deliver(t, tenant.tenantId, sessionCreated(7), {
      secret: tenant.secrets.webhookSecret,
      headers: { 'x-request-id': webhookReq },
    });
    expect(delivered.status).toBe(202);
    const webhookLine = await requestLine(webhookReq);
    expect(webhookLine.tenantId).toBe(tenant.tenantId);
    expect(webhookLine.req?.headers?.['webhook-signature']).toBe('[redacted]');

    const hook = await callHook(
      t,
      '/hooks/file-upload',
      {
        tenantId: tenant.tenantId,
        requestedAt: new Date().toISOString(),
        sessionId: '7',
        uploader: 'guest',
        fileName: 'a.pdf',
        sizeBytes: 10,
      },
      tenant.secrets.webhookSecret,
    );
    expect(hook.status).toBe(200);
    const hookLine = await eventually(
      () =>
        parsed().find((line) => line.res !== undefined && line.req?.url === '/hooks/file-upload'),
      5000,
      'the hook request line',
    );
    expect(hookLine.tenantId).toBe(tenant.tenantId);
    expect(typeof hookLine.reqId).toBe('string');
  });

  it('a refused webhook is still logged under the tenant it names', async () => {
    const reqId = `refused-${randomUUID()}`;
    const refused = await deliver(t, tenant.tenantId, sessionCreated(8), {
      secret: `whsec_${Buffer.alloc(32, 9).toString('base64')}`,
      headers: { 'x-request-id': reqId },
    });
    expect(refused.status).toBe(401);
    expect((await requestLine(reqId)).tenantId).toBe(tenant.tenantId);
  });

  it('a tenant-free request has tenantId null, and the metrics token is redacted', async () => {
    const reqId = `docs-${randomUUID()}`;
    await fetch(`${t.baseUrl}/docs/openapi.json`, {
      headers: { 'x-request-id': reqId, authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const line = await requestLine(reqId);
    expect(line.tenantId).toBeNull();
    expect(line.req?.headers?.['authorization']).toBe('[redacted]');
  });

  it('writes reqId and tenantId once on every request line, and no credential on any line', () => {
    const lines = parsed();
    const requestLines = lines.filter((line) => line.res !== undefined);
    expect(requestLines.length).toBeGreaterThanOrEqual(6);
    for (const line of requestLines) {
      expect(typeof line.reqId).toBe('string');
      expect(line).toHaveProperty('tenantId');
    }
    for (const raw of logs.lines) {
      expect(raw.match(/"reqId":/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(raw.match(/"tenantId":/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
    const all = logs.text();
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
