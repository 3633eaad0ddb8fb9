import { captureLogs } from './support/log-capture.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const expectedDriver = testDatabaseKind() === 'sqlite' ? 'sqlite' : 'postgresql';

describe(`backend on ${expectedDriver}`, () => {
  let t: TestApp;
  const logs = captureLogs();
  const logLines = logs.lines;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: logs.destination });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reports ready once migrations have run, with the driver and the schema version', async () => {
    const response = await fetch(`${t.baseUrl}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: {
        driver: expectedDriver,
        up: true,
        pendingMigrations: 0,
        schemaVersion: expect.stringMatching(/^Migration\d{14}_\w+$/),
      },
    });
  });

  it('serves /health as the readiness check', async () => {
    const response = await fetch(`${t.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { driver: expectedDriver },
    });
  });

  it('reports the process as live', async () => {
    const response = await fetch(`${t.baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with the error shape, in Czech when asked', async () => {
    const response = await fetch(`${t.baseUrl}/no-such-route`, {
      headers: { 'accept-language': 'cs,en;q=0.5' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-language')).toBe('cs');
    expect(await response.json()).toEqual({
      statusCode: 404,
      code: 'not_found',
      message: 'Požadovaný záznam neexistuje.',
    });
  });

  it('answers an unknown route in English by default', async () => {
    const response = await fetch(`${t.baseUrl}/no-such-route`);
    expect(await response.json()).toEqual({
      statusCode: 404,
      code: 'not_found',
      message: 'The requested resource does not exist.',
    });
  });

  it('sets security headers', async () => {
    const response = await fetch(`${t.baseUrl}/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('logs requests as JSON without credentials', async () => {
    const secret = 'Bearer very-secret-token-123';
    await fetch(`${t.baseUrl}/no-such-route-logged?probe=redaction`, {
      headers: { authorization: secret, cookie: 'sid=cookie-secret-456' },
    });
    const requestLog = logLines
      .map(
        (line) => JSON.parse(line) as { req?: { url?: string; headers?: Record<string, string> } },
      )
      .find((entry) => entry.req?.url === '/no-such-route-logged');
    expect(requestLog?.req?.headers).toMatchObject({
      authorization: '[redacted]',
      cookie: '[redacted]',
    });
    const all = logLines.join('\n');
    expect(all).not.toContain('very-secret-token-123');
    expect(all).not.toContain('cookie-secret-456');
    // Query strings can carry tokens (the panel's ?token=): only the path is logged.
    expect(all).not.toContain('probe=redaction');
  });
});
