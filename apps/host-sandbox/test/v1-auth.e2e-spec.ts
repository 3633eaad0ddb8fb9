import { DEMO_TENANT_ID, startSandbox, type Sandbox } from './support/sandbox-harness.js';

describe('v1 OAuth2 client credentials', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  it('issues a one-hour bearer token for form-encoded client credentials', async () => {
    const response = await fetch(`${sandbox.baseUrl}/login/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&response_type=token&scope=mluviiPublicApi',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(typeof body.access_token).toBe('string');
  });

  it('refuses wrong credentials and other grant types', async () => {
    const post = (form: string): Promise<Response> =>
      fetch(`${sandbox.baseUrl}/login/connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
    const wrong = await post(
      'grant_type=client_credentials&client_id=demo-client&client_secret=guess',
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_client' });
    expect((await post('grant_type=password&username=a&password=b')).status).toBe(400);
  });

  it('requires a bearer token on every /api/v1 call, with any path case', async () => {
    expect((await sandbox.api('GET', '/Sessions', null)).status).toBe(401);
    expect((await sandbox.api('GET', '/Users', 'made-up-token')).status).toBe(401);
    const token = await sandbox.token();
    expect((await sandbox.api('GET', '/Sessions', token)).status).toBe(200);
    expect((await sandbox.api('GET', '/sessions', token)).status).toBe(200);
    const users = await sandbox.api('GET', '/USERS', token);
    expect(users.status).toBe(200);
    expect(users.body).toHaveLength(10);
    expect(users.body[0]).toMatchObject({ departments: [DEMO_TENANT_ID], enabled: true });
  });

  it('answers 401 once a token expired and accepts a refreshed one', async () => {
    const token = await sandbox.token();
    expect((await sandbox.api('GET', '/Groups', token)).status).toBe(200);
    const expired = await sandbox.control('POST', '/tokens/expire', {});
    expect(expired.body.expired).toBeGreaterThanOrEqual(1);
    const refused = await sandbox.api('GET', '/Groups', token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    const fresh = await sandbox.token();
    expect((await sandbox.api('GET', '/Groups', fresh)).status).toBe(200);
  });

  it('honours a short token lifetime from the environment', async () => {
    const quick = await startSandbox({ SANDBOX_TOKEN_TTL_SECONDS: '1' });
    try {
      const token = await quick.token();
      expect((await quick.api('GET', '/Tags', token)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await quick.api('GET', '/Tags', token)).status).toBe(401);
    } finally {
      await quick.destroy();
    }
  });
});
