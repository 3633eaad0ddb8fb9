import {
  HostApiClient,
  type HostApiCallLog,
  type HostApiLimits,
  isHostApiError,
} from '@switchboard/host-contract';
import {
  DEMO_TENANT_ID,
  startSandbox,
  type Json,
  type Sandbox,
} from './support/sandbox-harness.js';

/**
 * Switchboard's host API client against the emulated host's own fault injection: the resilience
 * the backend relies on, exercised over real HTTP rather than against a hand-written fake.
 */
describe('the host API client against the sandbox', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  afterEach(async () => {
    const { body } = await sandbox.control<{ rules: { id: number }[] }>('GET', '/faults');
    for (const rule of body.rules) await sandbox.control('DELETE', `/faults/rules/${rule.id}`);
  });

  function client(limits: Partial<HostApiLimits> = {}, delays: number[] = []) {
    const logs: HostApiCallLog[] = [];
    const record = (fields: object) => logs.push(fields as HostApiCallLog);
    const api = new HostApiClient({
      baseUrl: sandbox.apiUrl,
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      tenantId: String(DEMO_TENANT_ID),
      logger: { info: record, warn: record },
      limits: { baseDelayMs: 5, maxDelayMs: 50, ...limits },
      sleep: (ms) => {
        delays.push(ms);
        return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20)));
      },
    });
    return { api, logs: () => logs.filter((log) => 'outcome' in log) };
  }

  const addRule = async (rule: Json): Promise<number> =>
    (await sandbox.control<{ id: number }>('POST', '/faults/rules', rule)).body.id;
  const hitsOf = async (id: number): Promise<number> =>
    (await sandbox.control<{ hits: number }>('GET', `/faults/rules/${id}`)).body.hits;

  it('retries 5xx answers and succeeds once the host recovers', async () => {
    const rule = await addRule({
      method: 'GET',
      path: '/api/v1/Users',
      action: { kind: 'status', status: 503 },
      times: 2,
    });
    const { api, logs } = client();
    const users = await api.listUsers();
    expect(users.length).toBeGreaterThan(0);
    expect(await hitsOf(rule)).toBe(2);
    expect(logs().at(-1)).toMatchObject({ outcome: 'ok', attempts: 3, status: 200 });
  });

  it('waits as long as Retry-After says on 429', async () => {
    await addRule({
      method: 'GET',
      path: '/api/v1/Users',
      action: { kind: 'rate_limit', retryAfterSeconds: 2 },
      times: 1,
    });
    const delays: number[] = [];
    const { api, logs } = client({}, delays);
    await api.listUsers();
    expect(Math.max(...delays)).toBeGreaterThanOrEqual(2000);
    expect(logs().at(-1)).toMatchObject({ outcome: 'ok', attempts: 2 });
  });

  it('gives up on an attempt that outlives its timeout and retries it', async () => {
    const rule = await addRule({
      method: 'GET',
      path: '/api/v1/Users',
      action: { kind: 'timeout', ms: 3000 },
      times: 1,
    });
    const { api, logs } = client({ attemptTimeoutMs: 300 });
    await api.listUsers();
    expect(await hitsOf(rule)).toBe(1);
    expect(logs().at(-1)).toMatchObject({ outcome: 'ok', attempts: 2 });
  });

  it('opens the circuit after repeated failures, fails fast, then closes after a good probe', async () => {
    const rule = await addRule({
      method: 'GET',
      path: '/api/v1/Users',
      action: { kind: 'status', status: 500 },
      times: 3,
    });
    const { api } = client({ maxAttempts: 1, circuitFailureThreshold: 3, circuitCooldownMs: 300 });
    for (let i = 0; i < 3; i += 1) {
      await expect(api.listUsers()).rejects.toMatchObject({ kind: 'http', status: 500 });
    }
    const fastFailure: unknown = await api.listUsers().catch((error: unknown) => error);
    expect(isHostApiError(fastFailure) && fastFailure.kind).toBe('circuit_open');
    // Failing fast means the host was not called: the rule saw only the three real failures.
    expect(await hitsOf(rule)).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(api.listUsers()).resolves.toEqual(expect.any(Array));
    await expect(api.listUsers()).resolves.toEqual(expect.any(Array));
  });

  it('fetches a new token when the host expires the current one', async () => {
    // The sandbox drops expired tokens from its state, so the live ones are what it has issued.
    const liveTokens = async (): Promise<string[]> =>
      (await sandbox.control<{ tokens: Json[] }>('GET', '/state')).body.tokens
        .filter((token: Json) => token.clientId === 'demo-client')
        .map((token: Json) => token.token as string);
    const { api, logs } = client();
    await api.listUsers();
    const before = await liveTokens();
    await sandbox.control('POST', '/tokens/expire', { tenantId: DEMO_TENANT_ID });
    await api.listUsers();
    const after = await liveTokens();
    expect(after.filter((token) => !before.includes(token))).toHaveLength(1);
    // The expired token earned one 401, the refreshed one the answer.
    expect(logs().at(-1)).toMatchObject({ outcome: 'ok', status: 200, attempts: 2 });
  });
});
