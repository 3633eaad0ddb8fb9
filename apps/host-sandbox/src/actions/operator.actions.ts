import { HttpError } from '../common/http-error.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { UserSimplifiedStatus } from '../state/enums.js';
import type { Operator } from '../state/operator.model.js';
import { userStatusEvents } from '../webhooks/event-payloads.js';

/**
 * An operator changes status. AWAY needs no reason in v1, but an absence reason (when given) must
 * belong to one of the operator's tenants; it travels in the extension fields of UserStatusChanged.
 */
export function setOperatorStatus(
  ctx: SandboxContext,
  operator: Operator,
  input: { status: UserSimplifiedStatus; absenceReasonId?: number | null },
): void {
  const s = ctx.store.state;
  const reason =
    input.absenceReasonId == null
      ? null
      : (s.absenceReasons.find((r) => r.id === input.absenceReasonId) ?? null);
  if (input.absenceReasonId != null && (!reason || !operator.tenantIds.includes(reason.tenantId))) {
    throw new HttpError(
      422,
      'unknown_absence_reason',
      `Absence reason ${input.absenceReasonId} is not known`,
      'absenceReasonId',
    );
  }
  const away = input.status === 'AWAY';
  operator.status = input.status;
  operator.availabilityStatus = away ? 'AWAY' : 'DEFAULT';
  operator.absenceReasonId = away ? (reason?.id ?? null) : null;
  operator.availabilityStatusReason = away ? (reason?.name ?? null) : null;
  operator.stateKind =
    input.status === 'ONLINE'
      ? 'ONLINE'
      : input.status === 'BUSY'
        ? 'ON_CALL'
        : away
          ? reason
            ? 'BREAK'
            : 'AWAY'
          : 'OFFLINE';
  operator.stateChanged = new Date().toISOString();
  for (const event of userStatusEvents(s, operator)) ctx.dispatcher.publish(event);
  ctx.store.changed();
}
