import { z } from 'zod';
import { parseSafeEnum } from '../safe-enum.js';

/**
 * What a host can declare beyond API v1. Switchboard uses a capability when the host declared it at
 * install and falls back to v1 behaviour (or reports the feature unavailable) when not.
 */
export const CAPABILITIES = [
  /** Webhooks (and decision-hook calls) carry Standard Webhooks signatures. */
  'signedWebhooks',
  /** The host calls the decision hooks and obeys the answers. */
  'decisionHooks',
  /** `PUT /extension/packages/{packageId}/status` and the package list. */
  'packageStatus',
  /** `GET /extension/sessions/{sessionId}/routing-timeline`. */
  'routingTimeline',
  /** `POST /extension/sessions/{sessionId}/end`. */
  'endSession',
  /** `POST /extension/sessions/{sessionId}/anonymize` with categories. */
  'anonymizeByCategory',
  /** `POST /extension/sessions/{sessionId}/files/delete` (all files, verified per file). */
  'deleteFiles',
  /** `GET /extension/caller-ids` and the outbound-call hook. */
  'callerIds',
  /** `GET /extension/absence-reasons` and `absenceReason` in UserStatusChanged. */
  'absenceReasons',
  /** GuestDisconnected / GuestReconnected events. */
  'guestConnectivity',
  /** `POST /extension/email-threads/{threadId}/assign` and the next-e-mail hook. */
  'emailAssignment',
  /** `GET /extension/entitlements`. */
  'entitlements',
  /** `POST /extension/settings-updated`: the host wants to hear when a tenant's settings change. */
  'settingsWebhook',
] as const;

export type Capability = (typeof CAPABILITIES)[number];

export const capabilitySchema = z.enum(CAPABILITIES);

/**
 * Reads the capability strings a host declared: known ones in canonical spelling, duplicates and
 * unknown names (a newer host) dropped rather than refused.
 */
export function parseCapabilities(declared: readonly string[]): Capability[] {
  const known = new Set<Capability>();
  for (const name of declared) {
    const capability = parseSafeEnum(CAPABILITIES, name);
    if (capability !== 'UNKNOWN') known.add(capability);
  }
  return CAPABILITIES.filter((capability) => known.has(capability));
}

export function hasCapability(declared: readonly string[], capability: Capability): boolean {
  return parseCapabilities(declared).includes(capability);
}
