import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  ALL_WEBHOOK_EVENT_TYPES,
  type HostApiCallLog,
  type HostApiOutcome,
} from '@switchboard/host-contract';
import type { Counter, Histogram } from 'prom-client';
import {
  TENANT_INSTALLED,
  TENANT_UNINSTALLED,
  type TenantInstalledEvent,
  type TenantUninstalledEvent,
} from '../installation/installation.events.js';
import { FAST_BUCKETS, MetricsService, REMOTE_CALL_BUCKETS } from './metrics.service.js';

const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(ALL_WEBHOOK_EVENT_TYPES);

export type WebhookOutcome = 'accepted' | 'parked' | 'duplicate' | 'invalid';
const WEBHOOK_OUTCOMES: readonly WebhookOutcome[] = ['accepted', 'parked', 'duplicate', 'invalid'];

/** Who decided a hook: the settings, the contract's default (no decider), or the default after a failure. */
export type HookSource = 'settings' | 'default' | 'fallback';
const HOOK_SOURCES: readonly HookSource[] = ['settings', 'default', 'fallback'];

const HOST_API_OUTCOMES: readonly HostApiOutcome[] = [
  'ok',
  'http',
  'network',
  'timeout',
  'circuit_open',
  'invalid_response',
  'auth',
];

/**
 * The event type as a label: the contract's types, `other` for anything else (a host may send
 * types this version does not know; they are parked, and must not mint new series).
 */
export function eventTypeLabel(eventType: unknown): string {
  return typeof eventType === 'string' && KNOWN_EVENT_TYPES.has(eventType) ? eventType : 'other';
}

const DECISION_VALUE = /^[a-z][a-z_]{0,31}$/;

/**
 * A hook answer reduced to one bounded word: its `decision` (an enum in every contract schema
 * that has one), else `record`/`no_record` (avStart), `thread`/`none` (nextEmail), `host_default`.
 */
export function decisionLabel(answer: Record<string, unknown>): string {
  const { decision } = answer;
  if (typeof decision === 'string') return DECISION_VALUE.test(decision) ? decision : 'other';
  if (typeof answer['record'] === 'boolean') return answer['record'] ? 'record' : 'no_record';
  if (answer['useHostDefault'] === true) return 'host_default';
  if ('threadId' in answer) return answer['threadId'] === null ? 'none' : 'thread';
  return 'other';
}

/**
 * The host boundary's metrics: webhook deliveries, decision hooks and host API calls, plus the
 * per-tenant counters when METRICS_TENANT_LABELS is on. A tenant label only ever carries a tenant
 * that authenticated (signature or credentials checked), so the series are bounded by the
 * installed tenants; they are dropped when a tenant is uninstalled.
 */
@Injectable()
export class HostMetrics {
  private readonly webhooks: Counter<'event_type' | 'outcome'>;
  private readonly hookDuration: Histogram<'hook' | 'decision' | 'source'>;
  private readonly hostApiDuration: Histogram<'operation' | 'outcome'>;
  private readonly circuitTransitions: Counter<'to'>;
  private readonly tenantWebhooks: Counter<'tenant' | 'outcome'> | undefined;
  private readonly tenantHooks: Counter<'tenant' | 'source'> | undefined;
  private readonly tenantHostApi: Counter<'tenant' | 'outcome'> | undefined;
  /**
   * Uninstalled tenants: work already under way for them (a host call retrying with backoff) can
   * still finish afterwards, and must not bring their series back.
   */
  private readonly uninstalled = new Set<string>();

  constructor(metrics: MetricsService) {
    this.webhooks = metrics.counter({
      name: 'switchboard_webhook_deliveries_total',
      help: 'Authenticated webhook deliveries by event type and what the inbox did with them',
      labelNames: ['event_type', 'outcome'],
    });
    this.hookDuration = metrics.histogram({
      name: 'switchboard_decision_hook_duration_seconds',
      help: 'Decision hooks answered: time from the authenticated request to the answer',
      labelNames: ['hook', 'decision', 'source'],
      buckets: FAST_BUCKETS,
    });
    this.hostApiDuration = metrics.histogram({
      name: 'switchboard_host_api_call_duration_seconds',
      help: 'Calls to the host API (retries and backoff included) by operation and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: REMOTE_CALL_BUCKETS,
    });
    this.circuitTransitions = metrics.counter({
      name: 'switchboard_host_api_circuit_transitions_total',
      help: "Changes of a tenant's host API circuit breaker, by the state entered",
      labelNames: ['to'],
    });
    if (metrics.perTenant) {
      this.tenantWebhooks = metrics.counter({
        name: 'switchboard_tenant_webhook_deliveries_total',
        help: 'Authenticated webhook deliveries per tenant',
        labelNames: ['tenant', 'outcome'],
      });
      this.tenantHooks = metrics.counter({
        name: 'switchboard_tenant_decision_hook_calls_total',
        help: 'Decision hooks answered per tenant',
        labelNames: ['tenant', 'source'],
      });
      this.tenantHostApi = metrics.counter({
        name: 'switchboard_tenant_host_api_calls_total',
        help: 'Calls to the host API per tenant',
        labelNames: ['tenant', 'outcome'],
      });
    }
  }

  webhookReceived(tenantId: string, eventType: unknown, outcome: WebhookOutcome): void {
    this.webhooks.inc({ event_type: eventTypeLabel(eventType), outcome });
    if (!this.uninstalled.has(tenantId)) this.tenantWebhooks?.inc({ tenant: tenantId, outcome });
  }

  hookAnswered(
    tenantId: string,
    hook: string,
    answer: Record<string, unknown>,
    source: HookSource,
    seconds: number,
  ): void {
    this.hookDuration.observe({ hook, decision: decisionLabel(answer), source }, seconds);
    if (!this.uninstalled.has(tenantId)) this.tenantHooks?.inc({ tenant: tenantId, source });
  }

  /** Fed by the host API client's own log entry (one per logical call). */
  hostApiCall(entry: HostApiCallLog): void {
    this.hostApiDuration.observe(
      { operation: `${entry.method} ${entry.path}`, outcome: entry.outcome },
      entry.latencyMs / 1000,
    );
    if (entry.tenantId !== null && !this.uninstalled.has(entry.tenantId)) {
      this.tenantHostApi?.inc({ tenant: entry.tenantId, outcome: entry.outcome });
    }
  }

  circuitChanged(to: string): void {
    this.circuitTransitions.inc({ to });
  }

  @OnEvent(TENANT_UNINSTALLED)
  forgetTenant({ tenantId }: TenantUninstalledEvent): void {
    // Bounded like the caches: a flood of uninstalls must not grow memory without limit.
    if (this.uninstalled.size >= 10_000) this.uninstalled.clear();
    this.uninstalled.add(tenantId);
    for (const outcome of WEBHOOK_OUTCOMES) {
      this.tenantWebhooks?.remove({ tenant: tenantId, outcome });
    }
    for (const source of HOOK_SOURCES) this.tenantHooks?.remove({ tenant: tenantId, source });
    for (const outcome of HOST_API_OUTCOMES) {
      this.tenantHostApi?.remove({ tenant: tenantId, outcome });
    }
  }

  @OnEvent(TENANT_INSTALLED)
  rememberTenant({ tenantId }: TenantInstalledEvent): void {
    this.uninstalled.delete(tenantId);
  }
}

/** True for the entry the host API client logs once per call (as opposed to circuit changes). */
export function isHostApiCallLog(fields: object): fields is HostApiCallLog {
  return 'outcome' in fields && 'path' in fields && 'latencyMs' in fields && 'method' in fields;
}
