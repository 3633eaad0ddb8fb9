import { loadEnv } from '../config/env.js';
import { decisionLabel, eventTypeLabel, HostMetrics } from './host-metrics.js';
import { MetricsService } from './metrics.service.js';

const service = (env: Record<string, string> = {}): MetricsService =>
  new MetricsService(loadEnv(env));

describe('HostMetrics labels', () => {
  it.each([
    [{ decision: 'admit', preview: null }, 'admit'],
    [{ decision: 'host_default' }, 'host_default'],
    [{ decision: 'Not A Word' }, 'other'],
    [{ record: true }, 'record'],
    [{ record: false }, 'no_record'],
    [{ useHostDefault: true, decidedBy: 'default' }, 'host_default'],
    [{ threadId: '12' }, 'thread'],
    [{ threadId: null }, 'none'],
    [{ something: 1 }, 'other'],
  ])('reduces the hook answer %j to the decision %s', (answer, label) => {
    expect(decisionLabel(answer)).toBe(label);
  });

  it("keeps the contract's event types and folds anything else into `other`", () => {
    expect(eventTypeLabel('SessionCreated')).toBe('SessionCreated');
    expect(eventTypeLabel('SomethingFromTheFuture')).toBe('other');
    expect(eventTypeLabel(42)).toBe('other');
  });
});

describe('per-tenant series', () => {
  it('are kept by default', async () => {
    const metrics = service();
    new HostMetrics(metrics).webhookReceived('t-1', 'SessionCreated', 'accepted');
    expect(await metrics.registry.metrics()).toContain(
      'switchboard_tenant_webhook_deliveries_total{tenant="t-1",outcome="accepted"} 1',
    );
  });

  it('do not exist with METRICS_TENANT_LABELS=false, while the totals still count', async () => {
    const metrics = service({ METRICS_TENANT_LABELS: 'false' });
    const host = new HostMetrics(metrics);
    host.webhookReceived('t-1', 'SessionCreated', 'accepted');
    host.hookAnswered('t-1', 'fileUpload', { decision: 'allow' }, 'settings', 0.002);
    host.hostApiCall({
      tenantId: 't-1',
      method: 'GET',
      path: '/Webhooks',
      status: 200,
      attempts: 1,
      latencyMs: 12,
      outcome: 'ok',
      idempotencyKey: null,
    });
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('switchboard_tenant_');
    expect(text).not.toContain('t-1');
    expect(text).toContain(
      'switchboard_webhook_deliveries_total{event_type="SessionCreated",outcome="accepted"} 1',
    );
    expect(text).toContain(
      'switchboard_host_api_call_duration_seconds_count{operation="GET /Webhooks",outcome="ok"} 1',
    );
  });
});

describe('an uninstalled tenant', () => {
  const call = {
    tenantId: 't-gone',
    method: 'POST',
    path: '/Webhooks',
    status: null,
    attempts: 4,
    latencyMs: 15_000,
    outcome: 'network',
    idempotencyKey: 'k',
  } as const;

  it('loses its series, and a call that ends after the uninstall does not bring them back', async () => {
    const metrics = service();
    const host = new HostMetrics(metrics);
    host.webhookReceived('t-gone', 'SessionCreated', 'accepted');
    host.forgetTenant({ tenantId: 't-gone' });
    expect(await metrics.registry.metrics()).not.toContain('t-gone');
    host.hostApiCall(call);
    host.webhookReceived('t-gone', 'SessionCreated', 'accepted');
    expect(await metrics.registry.metrics()).not.toContain('t-gone');
  });

  it('counts again once installed again', async () => {
    const metrics = service();
    const host = new HostMetrics(metrics);
    host.forgetTenant({ tenantId: 't-gone' });
    host.rememberTenant({ tenantId: 't-gone', created: true });
    host.hostApiCall(call);
    expect(await metrics.registry.metrics()).toContain(
      'switchboard_tenant_host_api_calls_total{tenant="t-gone",outcome="network"} 1',
    );
  });
});

describe('MetricsService registration', () => {
  it('hands out the registered metric for the same name, kind and labels', () => {
    const metrics = service();
    const config = { name: 'switchboard_test_total', help: 'x', labelNames: ['a'] } as const;
    expect(metrics.counter(config)).toBe(metrics.counter(config));
  });

  it('refuses the same name with another kind or other labels', () => {
    const metrics = service();
    metrics.counter({ name: 'switchboard_test_total', help: 'x', labelNames: ['a'] });
    expect(() =>
      metrics.gauge({ name: 'switchboard_test_total', help: 'x', labelNames: ['a'] }),
    ).toThrow(/already registered/);
    expect(() =>
      metrics.counter({ name: 'switchboard_test_total', help: 'x', labelNames: ['b'] }),
    ).toThrow(/already registered/);
  });

  it('renders the process metrics with the app metrics', async () => {
    const text = await service().render();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });
});
