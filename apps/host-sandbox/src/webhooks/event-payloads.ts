import type { EmailThread } from '../state/email-thread.model.js';
import type { Operator } from '../state/operator.model.js';
import type { Activity, Session } from '../state/session.model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { HostEvent } from './host-event.js';

/** v1 session events: `{ id, tenantId, channel, source, …extra }` (Webhooks/Payloads/Session*Payload.cs). */
export function sessionEvent(
  eventType: string,
  session: Session,
  extra: Record<string, unknown> = {},
): HostEvent {
  return {
    tenantIds: [session.tenantId],
    eventType,
    entityKey: `session:${session.id}`,
    data: {
      id: session.id,
      tenantId: session.tenantId,
      channel: session.channel,
      source: session.source,
      ...extra,
    },
  };
}

/** The generic `SessionActivity*` payload (SessionActivityGenericPayload.cs). */
export function activityEvent(session: Session, activity: Activity): HostEvent {
  const file =
    activity.fileId === null ? null : session.files.find((f) => f.id === activity.fileId);
  return {
    tenantIds: [session.tenantId],
    eventType: `SessionActivity${activity.type}`,
    entityKey: `session:${session.id}`,
    data: {
      sessionId: session.id,
      activityId: activity.activityId,
      time: activity.time,
      type: activity.type,
      client: activity.client,
      text: activity.text,
      file: file ? { id: file.id, name: file.name, isDeleted: file.isDeleted } : null,
      userId: activity.userId,
      toOperatorUserId: activity.toOperatorUserId,
      toGroupId: activity.toGroupId,
      terminationReason: activity.terminationReason,
    },
    extensionData: { tenantId: session.tenantId },
  };
}

/**
 * v1 UserStatusChanged carries no tenant, time or break; the extension adds them (`tenantId`,
 * `changed`, `absenceReason`, plus `stateKind`). One event per tenant of the operator, so each
 * tenant's registrations see their own tenantId.
 */
export function userStatusEvents(state: SandboxState, operator: Operator): HostEvent[] {
  const reason = state.absenceReasons.find((r) => r.id === operator.absenceReasonId) ?? null;
  return operator.tenantIds.map((tenantId) => ({
    tenantIds: [tenantId],
    eventType: 'UserStatusChanged',
    entityKey: `user:${operator.id}`,
    data: {
      userId: operator.id,
      status: operator.status,
      availabilityStatus: operator.availabilityStatus,
      availabilityStatusReason: operator.availabilityStatusReason,
    },
    extensionData: {
      tenantId,
      changed: operator.stateChanged,
      absenceReason: reason ? { id: reason.id, name: reason.name, isPaid: reason.isPaid } : null,
      stateKind: operator.stateKind,
    },
  }));
}

export function emailThreadEvent(
  eventType: string,
  thread: EmailThread,
  extra: Record<string, unknown> = {},
): HostEvent {
  return {
    tenantIds: [thread.tenantId],
    eventType,
    entityKey: `email:${thread.id}`,
    data: { id: thread.id, tenantId: thread.tenantId, ...extra },
  };
}

/** Extension events (GuestDisconnected, GuestReconnected, ClientLeftWhileQueued): absent on a v1 host. */
export function extensionSessionEvent(
  eventType: string,
  session: Session,
  extra: Record<string, unknown>,
): HostEvent {
  return {
    tenantIds: [session.tenantId],
    eventType,
    entityKey: `session:${session.id}`,
    data: { sessionId: session.id, tenantId: session.tenantId, ...extra },
    extensionOnly: true,
  };
}
