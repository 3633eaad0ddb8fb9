import type { AnyWebhookEventType, WebhookEnvelopeOf } from '@switchboard/host-contract';

/**
 * Internal events (EventEmitter2) for host webhooks: `host.<EventType>`, e.g. `host.SessionCreated`,
 * published by the inbox processor with `emitAsync`, which waits for every listener. Delivery to
 * listeners is at least once (a failure or a crash repeats the event), so listeners must be
 * idempotent, and they must subscribe with `@OnEvent(hostEvent('X'), { suppressErrors: false })`
 * so that a failure reaches the processor and is retried instead of being swallowed.
 */
export const HOST_EVENT_PREFIX = 'host.';

export function hostEvent<K extends AnyWebhookEventType>(eventType: K): `host.${K}` {
  return `${HOST_EVENT_PREFIX}${eventType}`;
}

export interface HostEvent<K extends AnyWebhookEventType = AnyWebhookEventType> {
  tenantId: string;
  envelope: WebhookEnvelopeOf<K>;
  /** The inbox row: a stable id for idempotent effects. */
  inboxId: number;
}
