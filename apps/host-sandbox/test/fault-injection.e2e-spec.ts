import { startSandbox, type Sandbox } from './support/sandbox-harness.js';

describe('fault injection on API calls', () => {
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await sandbox.token();
  });

  afterEach(async () => {
    await sandbox.control('DELETE', '/faults/rules');
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  const addRule = async (rule: unknown): Promise<number> => {
    const response = await sandbox.control('POST', '/faults/rules', rule);
    expect(response.status).toBe(201);
    return response.body.id as number;
  };

  it('answers 5xx for exactly the next N matching calls and leaves other paths alone', async () => {
    const id = await addRule({
      method: 'GET',
      path: '/api/v1/Sessions',
      action: { kind: 'status', status: 503 },
      times: 2,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await sandbox.api('GET', '/sessions', token)).status);
      expect((await sandbox.api('GET', '/Users', token)).status).toBe(200);
    }
    expect(statuses).toEqual([503, 503, 200]);
    expect((await sandbox.api('POST', '/Sessions', token, {})).status).not.toBe(503);
    expect((await sandbox.control('GET', `/faults/rules/${id}`)).body).toMatchObject({
      hits: 2,
      remaining: 0,
    });
  });

  it('answers 429 with Retry-After in seconds, also on the token endpoint', async () => {
    await addRule({
      path: '/login/connect/token',
      action: { kind: 'rate_limit', retryAfterSeconds: 7 },
      times: 1,
    });
    const limited = await fetch(`${sandbox.baseUrl}/login/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    await expect(sandbox.token()).resolves.toEqual(expect.any(String));
  });

  it('matches wildcard path patterns: * for one segment, ** for the rest', async () => {
    await addRule({ path: '/api/v1/Sessions/*', action: { kind: 'status', status: 500 } });
    expect((await sandbox.api('GET', '/Sessions/100001', token)).status).toBe(500);
    expect((await sandbox.api('GET', '/Sessions', token)).status).toBe(200);
    await sandbox.control('DELETE', '/faults/rules');
    await addRule({ path: '/api/v1/**', action: { kind: 'status', status: 502 }, times: 1 });
    expect((await sandbox.api('GET', '/Groups/1/whatever', token)).status).toBe(502);
  });

  it('delays a call by the configured time, then answers normally', async () => {
    await addRule({ path: '/api/v1/Groups', action: { kind: 'delay', ms: 150 }, times: 1 });
    const started = Date.now();
    const response = await sandbox.api('GET', '/Groups', token);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('holds a call past the client timeout, exactly once', async () => {
    await addRule({ path: '/api/v1/Users', action: { kind: 'timeout', ms: 400 }, times: 1 });
    await expect(
      fetch(`${sandbox.apiUrl}/Users`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    const next = await fetch(`${sandbox.apiUrl}/Users`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(1000),
    });
    expect(next.status).toBe(200);
  });

  it('answers 504 when nobody gives up on a timed-out call', async () => {
    await addRule({ path: '/api/v1/Tags', action: { kind: 'timeout', ms: 120 }, times: 1 });
    const started = Date.now();
    expect((await sandbox.api('GET', '/Tags', token)).status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('applies a probability rule to some calls and counts exactly those', async () => {
    const id = await addRule({
      path: '/api/v1/Departments',
      action: { kind: 'status', status: 500 },
      probability: 0.5,
    });
    let failures = 0;
    for (let i = 0; i < 30; i++)
      if ((await sandbox.api('GET', '/Departments', token)).status === 500) failures++;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(30);
    expect((await sandbox.control('GET', `/faults/rules/${id}`)).body.hits).toBe(failures);
  });
});
