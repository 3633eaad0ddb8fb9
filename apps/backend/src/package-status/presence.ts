import type { OperatorStateModel, UserStatusChangedPayload } from '@switchboard/host-contract';
import type { Presence } from './operator-presence.entity.js';

/** An operator's presence as one host report states it. */
export interface PresenceReport {
  userId: number;
  presence: Presence;
  absenceReasonId: number | null;
  absenceReasonName: string | null;
  /** The host's time of the state; null when the host does not say (v1 UserStatusChanged). */
  changedAt: Date | null;
}

function hostTime(value: string | null | undefined): Date | null {
  if (value == null) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time;
}

/**
 * UserStatusChanged → presence. Away is the simplified status AWAY or the availability AWAY of a
 * signed-in operator; the absence reason comes from the extension field, or on a v1 host from the
 * free-text `availabilityStatusReason` (a name without an id). An unknown status (a newer host)
 * says nothing: null, and the last known presence stays.
 */
export function presenceFromStatusEvent(payload: UserStatusChangedPayload): PresenceReport | null {
  let presence: Presence;
  if (payload.status === 'OFFLINE') presence = 'offline';
  else if (payload.status === 'AWAY' || payload.availabilityStatus === 'AWAY') presence = 'away';
  else if (payload.status === 'ONLINE' || payload.status === 'BUSY') presence = 'available';
  else return null;
  const away = presence === 'away';
  const reason = payload.absenceReason ?? null;
  const reasonText = payload.availabilityStatusReason?.trim() || null;
  return {
    userId: payload.userId,
    presence,
    absenceReasonId: away && reason !== null ? reason.id : null,
    absenceReasonName: away ? (reason?.name ?? reasonText) : null,
    changedAt: hostTime(payload.changed),
  };
}

/** `GET /Users/operatorStates` item → presence (a break is an absence with its reason). */
export function presenceFromOperatorState(state: OperatorStateModel): PresenceReport | null {
  let presence: Presence;
  switch (state.stateKind) {
    case 'OFFLINE':
    case 'DISCONNECTED':
      presence = 'offline';
      break;
    case 'AWAY':
    case 'BREAK':
      presence = 'away';
      break;
    case 'ONLINE':
    case 'BEFORE_CALL':
    case 'ON_CALL':
    case 'AFTER_CALL':
      presence = 'available';
      break;
    case 'UNKNOWN':
      return null;
  }
  const away = presence === 'away';
  return {
    userId: state.userId,
    presence,
    absenceReasonId: away ? (state.breakStateId ?? null) : null,
    absenceReasonName: away ? (state.breakStateName ?? null) : null,
    changedAt: hostTime(state.changed),
  };
}
