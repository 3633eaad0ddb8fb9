import { type z } from 'zod';
import { safeEnum } from '../safe-enum.js';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-type.js';

/**
 * Event types a host with the plugin extension adds to the v1 list. They travel in the same
 * `{ eventType, data }` envelope, signed (capability `signedWebhooks`), and are registered through
 * the same `POST /api/v1/Webhooks`.
 * - GuestDisconnected / GuestReconnected (capability `guestConnectivity`): the disconnect grace timer.
 * - ClientLeftWhileQueued (capability `decisionHooks`): what the host finally did when a queued
 *   client left, including when it applied the safe default because the hook timed out.
 */
export const EXTENSION_EVENT_TYPES = [
  'GuestDisconnected',
  'GuestReconnected',
  'ClientLeftWhileQueued',
] as const;

export type ExtensionEventType = (typeof EXTENSION_EVENT_TYPES)[number];

/** Every event name a host may send: v1 first, then the extension's. */
export const ALL_WEBHOOK_EVENT_TYPES = [...WEBHOOK_EVENT_TYPES, ...EXTENSION_EVENT_TYPES] as const;

export type AnyWebhookEventType = (typeof ALL_WEBHOOK_EVENT_TYPES)[number];

export const anyWebhookEventTypeSchema = safeEnum(ALL_WEBHOOK_EVENT_TYPES);
export type AnyWebhookEventTypeOrUnknown = z.output<typeof anyWebhookEventTypeSchema>;
