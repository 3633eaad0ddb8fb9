import type { OperatorStateKind, UserAvailabilityStatus, UserSimplifiedStatus } from './enums.js';

/** A host user who works as an operator in one or more tenants. */
export interface Operator {
  id: number;
  tenantIds: number[];
  firstName: string;
  lastName: string;
  username: string;
  email: string;
  enabled: boolean;
  status: UserSimplifiedStatus;
  availabilityStatus: UserAvailabilityStatus;
  /** Free-text reason the v1 UserStatusChanged carries (the absence reason's name). */
  availabilityStatusReason: string | null;
  stateKind: OperatorStateKind;
  absenceReasonId: number | null;
  stateChanged: string;
}
