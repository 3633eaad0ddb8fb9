import { randomUUID } from 'node:crypto';
import { startFakeHost, type FakeHost } from './support/fake-host.js';
import { callHook, deliver, eventually, sessionCreated } from './support/host-deliveries.js';
import { parsePrometheus, type PromSample, sampleValue } from './support/prometheus.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { recordingKind, waitForJob } from './support/jobs.js';
import { installTenant, type InstalledTenant, platformPost } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const METRICS_TOKEN = `metrics-${randomUUID()}`;

describe('GET /metrics', () => {
  let t: TestApp;
  let host: FakeHost;
  let tenant: InstalledTenant;

  const scrape = async (): Promise<PromSample[]> => {
    const response = await fetch(`${t.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    return parsePrometheus(await response.text());
  };

  beforeAll(async () => {
    host = await startFakeHost();
    t = await startTestApp({ env: { METRICS_TOKEN } });
    tenant = await installTenant(t, { hostApiBaseUrl: host.apiBaseUrl });
  });

  afterAll(async () => {
    await t?.close();
    await host?.close();
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', `Bearer ${METRICS_TOKEN}x`],
    ["a tenant's own kind of bearer", 'Bearer not-the-metrics-token'],
  ])('refuses a scrape with %s (401 invalid_metrics_token)', async (_, authorization) => {
    const response = await fetch(`${t.baseUrl}/metrics`, {
      headers: authorization === undefined ? {} : { authorization },
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { code: string };
    expect(body.code).toBe('invalid_metrics_token');
  });

  it('serves the process metrics and times HTTP requests by route template, not by path', async () => {
    const probe = `no-such-route-${randomUUID()}`;
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/${probe}`)).status).toBe(404);

    const response = await fetch(`${t.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).not.toContain(probe);
    const samples = parsePrometheus(text);
    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'nodejs_eventloop_lag_seconds')).toBeDefined();
    const count = 'switchboard_http_request_duration_seconds_count';
    expect(
      sampleValue(samples, count, { route: '/health/live', method: 'GET', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(samples, count, { route: 'unmatched', method: 'GET', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(samples, 'switchboard_http_request_duration_seconds_bucket', {
        route: '/health/live',
        le: '+Inf',
      }),
    ).toBe(sampleValue(samples, count, { route: '/health/live' }));
  });

  it('counts webhook deliveries by event type and outcome, and per tenant', async () => {
    const before = await scrape();
    const secret = tenant.secrets.webhookSecret;
    const webhookId = `msg_${randomUUID()}`;
    expect(
      (await deliver(t, tenant.tenantId, sessionCreated(1), { secret, webhookId })).status,
    ).toBe(202);
    expect(
      (await deliver(t, tenant.tenantId, sessionCreated(1), { secret, webhookId })).status,
    ).toBe(200);
    const unknown = { eventType: `FutureEvent${randomUUID().slice(0, 8)}`, data: {} };
    expect((await deliver(t, tenant.tenantId, unknown, { secret })).status).toBe(202);
    expect((await deliver(t, tenant.tenantId, { data: {} }, { secret })).status).toBe(400);
    // Unauthenticated: refused by the guard, seen only by the HTTP metrics.
    expect((await deliver(t, tenant.tenantId, sessionCreated(2), {})).status).toBe(401);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>): number =>
      (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    const deliveries = 'switchboard_webhook_deliveries_total';
    expect(delta(deliveries, { event_type: 'SessionCreated', outcome: 'accepted' })).toBe(1);
    expect(delta(deliveries, { event_type: 'SessionCreated', outcome: 'duplicate' })).toBe(1);
    expect(delta(deliveries, { event_type: 'other', outcome: 'parked' })).toBe(1);
    expect(delta(deliveries, { event_type: 'other', outcome: 'invalid' })).toBe(1);
    expect(delta(deliveries, {})).toBe(4);
    expect(after.some((s) => s.labels['event_type']?.startsWith('FutureEvent'))).toBe(false);

    const perTenant = 'switchboard_tenant_webhook_deliveries_total';
    expect(delta(perTenant, { tenant: tenant.tenantId, outcome: 'accepted' })).toBe(1);
    expect(delta(perTenant, { tenant: tenant.tenantId })).toBe(4);
    expect(
      delta('switchboard_http_request_duration_seconds_count', {
        route: '/webhooks/:tenantId',
        status: '401',
      }),
    ).toBe(1);
  });

  it('times decision hooks by hook, decision and who decided', async () => {
    const before = await scrape();
    const response = await callHook(
      t,
      '/hooks/file-upload',
      {
        tenantId: tenant.tenantId,
        requestedAt: new Date().toISOString(),
        sessionId: '1',
        uploader: 'guest',
        fileName: 'report.pdf',
        sizeBytes: 1000,
      },
      tenant.secrets.webhookSecret,
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { decision: string; decidedBy: string };

    const after = await scrape();
    const labels = { hook: 'fileUpload', decision: answer.decision, source: answer.decidedBy };
    const name = 'switchboard_decision_hook_duration_seconds_count';
    expect((sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0)).toBe(
      1,
    );
    const tenantHooks = 'switchboard_tenant_decision_hook_calls_total';
    const tenantLabels = { tenant: tenant.tenantId, source: answer.decidedBy };
    expect(
      (sampleValue(after, tenantHooks, tenantLabels) ?? 0) -
        (sampleValue(before, tenantHooks, tenantLabels) ?? 0),
    ).toBe(1);
  });

  it('times host API calls by operation and outcome (the webhook registration at install)', async () => {
    const samples = await eventually(
      async () => {
        const current = await scrape();
        const created = sampleValue(current, 'switchboard_host_api_call_duration_seconds_count', {
          operation: 'POST /Webhooks',
          outcome: 'ok',
        });
        return created !== undefined && created >= 1 ? current : undefined;
      },
      10_000,
      'the registration call in the metrics',
    );
    expect(
      host.calls.some((call) => call.method === 'POST' && call.path === '/api/v1/Webhooks'),
    ).toBe(true);
    expect(
      sampleValue(samples, 'switchboard_host_api_call_duration_seconds_count', {
        operation: 'GET /Webhooks',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(samples, 'switchboard_tenant_host_api_calls_total', {
        tenant: tenant.tenantId,
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('reports the job table by kind and state, the oldest due lag, and the attempts run', async () => {
    const ok = recordingKind(t, 'metrics-ok');
    const dead = recordingKind(
      t,
      'metrics-dead',
      () => {
        throw new Error('always fails');
      },
      { maxAttempts: 1 },
    );
    const jobs = t.app.get(JobsService);
    const schedule = (kind: string, dueAt = new Date()): Promise<{ id: number }> =>
      jobs.schedule({ kind, tenantId: tenant.tenantId, key: randomUUID(), dueAt, payload: {} });
    await waitForJob(t, (await schedule(ok.kind)).id);
    await waitForJob(t, (await schedule(dead.kind)).id);
    // A kind no instance handles: due a minute ago and never claimed.
    await schedule('test.metrics-unhandled', new Date(Date.now() - 60_000));

    const samples = await scrape();
    const attempts = 'switchboard_job_attempts_total';
    expect(sampleValue(samples, attempts, { kind: ok.kind, outcome: 'done' })).toBe(1);
    expect(sampleValue(samples, attempts, { kind: dead.kind, outcome: 'dead' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_jobs', { kind: ok.kind, state: 'done' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_jobs', { kind: dead.kind, state: 'dead' })).toBe(1);
    expect(sampleValue(samples, 'switchboard_jobs', { kind: dead.kind, state: 'scheduled' })).toBe(
      0,
    );
    expect(
      sampleValue(samples, 'switchboard_jobs', {
        kind: 'test.metrics-unhandled',
        state: 'scheduled',
      }),
    ).toBe(1);
    expect(sampleValue(samples, 'switchboard_jobs_oldest_due_lag_seconds')).toBeGreaterThanOrEqual(
      60,
    );
  });

  it("drops an uninstalled tenant's series", async () => {
    const other = await installTenant(t);
    expect(
      (await deliver(t, other.tenantId, sessionCreated(9), { secret: other.secrets.webhookSecret }))
        .status,
    ).toBe(202);
    const tenantSeries = (samples: PromSample[]): PromSample[] =>
      samples.filter(
        (s) => s.name.startsWith('switchboard_tenant_') && s.labels['tenant'] === other.tenantId,
      );
    expect(tenantSeries(await scrape()).length).toBeGreaterThan(0);

    expect((await platformPost(t, '/uninstall', { tenantId: other.tenantId })).status).toBe(204);
    expect(tenantSeries(await scrape())).toEqual([]);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is off: 404 metrics_disabled, whatever bearer is sent', async () => {
    for (const headers of [{}, { authorization: 'Bearer anything-at-all-here' }] as Record<
      string,
      string
    >[]) {
      const response = await fetch(`${t.baseUrl}/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe('metrics_disabled');
    }
  });
});
