import { z } from 'zod';
import { safeEnum } from '../safe-enum.js';
import { dateTimeSchema, id32Schema, id64Schema } from '../v1/primitives.js';
import { type ExtensionEventType } from './extension-event-types.js';

/*
 * Payloads of the event types the extension adds. Same conventions as v1: camelCase, safe enums,
 * 64-bit ids as number or numeric string, timestamps with offset.
 */

export const GUEST_DISCONNECT_CAUSES = [
  'ConnectionLost',
  'PageClosed',
  'HeartbeatTimeout',
] as const;
export const guestDisconnectCauseSchema = safeEnum(GUEST_DISCONNECT_CAUSES);

/** The guest's transport dropped during a running session (capability `guestConnectivity`). */
export const guestDisconnectedPayloadSchema = z.object({
  sessionId: id64Schema,
  tenantId: id32Schema,
  packageId: id32Schema.nullish(),
  time: dateTimeSchema,
  cause: guestDisconnectCauseSchema.nullish(),
});
export type GuestDisconnectedPayload = z.output<typeof guestDisconnectedPayloadSchema>;

/** The same guest is back in the same session; `disconnectedAt` pairs it with its disconnect. */
export const guestReconnectedPayloadSchema = z.object({
  sessionId: id64Schema,
  tenantId: id32Schema,
  packageId: id32Schema.nullish(),
  time: dateTimeSchema,
  disconnectedAt: dateTimeSchema.nullish(),
});
export type GuestReconnectedPayload = z.output<typeof guestReconnectedPayloadSchema>;

export const CLIENT_LEFT_OUTCOMES = ['KeptAsOfflineCallback', 'Dropped'] as const;
export const clientLeftOutcomeSchema = safeEnum(CLIENT_LEFT_OUTCOMES);

export const HOOK_DECIDERS = ['Hook', 'SafeDefault'] as const;
export const hookDeciderSchema = safeEnum(HOOK_DECIDERS);

/**
 * What the host did when a queued client left: `decidedBy: SafeDefault` means the
 * client-left-while-queued hook did not answer in time and the session was dropped.
 */
export const clientLeftWhileQueuedPayloadSchema = z.object({
  sessionId: id64Schema,
  tenantId: id32Schema,
  packageId: id32Schema.nullish(),
  time: dateTimeSchema,
  outcome: clientLeftOutcomeSchema,
  decidedBy: hookDeciderSchema.nullish(),
});
export type ClientLeftWhileQueuedPayload = z.output<typeof clientLeftWhileQueuedPayloadSchema>;

export const EXTENSION_WEBHOOK_PAYLOAD_SCHEMAS = {
  GuestDisconnected: guestDisconnectedPayloadSchema,
  GuestReconnected: guestReconnectedPayloadSchema,
  ClientLeftWhileQueued: clientLeftWhileQueuedPayloadSchema,
} as const satisfies Record<ExtensionEventType, z.ZodType>;

export type ExtensionWebhookPayloads = {
  [K in ExtensionEventType]: z.output<(typeof EXTENSION_WEBHOOK_PAYLOAD_SCHEMAS)[K]>;
};
