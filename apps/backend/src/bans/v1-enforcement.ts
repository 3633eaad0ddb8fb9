import { Logger } from '@nestjs/common';
import {
  HostApiError,
  hasCapability,
  type HostApiClient,
  type SessionModel,
} from '@switchboard/host-contract';
import { type AuditService, systemActor } from '../audit/audit.service.js';
import type { HostApiClientFactory } from '../host/host-api-client.factory.js';
import type { TenantProfile, TenantProfileService } from './tenant-profile.service.js';

/** A session just created on a host without decision hooks, still open. */
export interface OpenV1Session {
  tenantId: string;
  sessionId: string;
  profile: TenantProfile;
  client: HostApiClient;
  session: SessionModel;
}

const ENDED = new Set(['CLOSED', 'BLACKLISTED']);
const logger = new Logger('V1Enforcement');

/**
 * What a v1 fallback checks after SessionCreated: the session as the host has it, or null when
 * the host asks the decision hooks itself (they decided at admission), or the session has already
 * ended (a redelivered event) or is unknown to the host.
 */
export async function openSessionOnV1Host(
  profiles: TenantProfileService,
  hosts: HostApiClientFactory,
  tenantId: string,
  sessionId: string,
): Promise<OpenV1Session | null> {
  const profile = await profiles.get(tenantId);
  if (profile === null || hasCapability(profile.capabilities, 'decisionHooks')) return null;
  const client = await hosts.forTenant(tenantId);
  // A session the host no longer knows (404) has nobody to end.
  const session = await client.findSession(sessionId);
  if (session === null) return null;
  if ((session.status && ENDED.has(session.status)) || session.ended != null) return null;
  return { tenantId, sessionId, profile, client, session };
}

/**
 * Ends the session on the host (the extension's `endSession` with a reason where the host has it,
 * v1's end otherwise; one that ended meanwhile counts as ended) and audits why.
 */
export async function endOnHost(
  open: OpenV1Session,
  reason: 'banned_client' | 'callback_number_blocked',
  audit: AuditService,
  details: Record<string, unknown>,
): Promise<void> {
  try {
    if (hasCapability(open.profile.capabilities, 'endSession')) {
      await open.client.endSession(open.sessionId, { reason });
    } else {
      await open.client.endSessionV1(open.sessionId);
    }
  } catch (error) {
    if (!(error instanceof HostApiError && error.status === 409)) throw error;
  }
  logger.log({ tenantId: open.tenantId, sessionId: open.sessionId, reason }, 'Ended a session');
  await audit.record({
    tenantId: open.tenantId,
    actor: systemActor,
    action: reason === 'banned_client' ? 'ban.enforce' : 'callback.block_enforce',
    target: { type: 'session', id: open.sessionId },
    details,
  });
}
