import {
  ANONYMIZATION_CATEGORIES,
  type EMAIL_THREAD_STATES,
  GUEST_BROWSER_TYPES,
  type GUEST_LEFT_SESSION_IN_STATES,
  GUEST_OS_TYPES,
  type OPERATOR_STATE_KINDS,
  type PACKAGE_STATUSES,
  type ROUTING_TIMELINE_ACTIVITY_TYPES,
  SESSION_CHANNELS,
  type SESSION_FILE_REMOVAL_STATES,
  SESSION_SOURCES,
  type SESSION_STATUSES,
  SESSION_TERMINATION_REASONS,
  type USER_AVAILABILITY_STATUSES,
  USER_SIMPLIFIED_STATUSES,
} from '@switchboard/host-contract';

/*
 * The values the host emits, from the contract's lists. The contract's parsed types add `UNKNOWN`
 * (what a consumer maps unknown values to); a sender never sends it, so the sandbox's state uses
 * the plain unions.
 */
export {
  GUEST_BROWSER_TYPES,
  GUEST_OS_TYPES,
  SESSION_CHANNELS,
  SESSION_SOURCES,
  SESSION_TERMINATION_REASONS,
  USER_SIMPLIFIED_STATUSES,
};

export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type SessionChannel = (typeof SESSION_CHANNELS)[number];
export type SessionSource = (typeof SESSION_SOURCES)[number];
export type GuestOsType = (typeof GUEST_OS_TYPES)[number];
export type GuestBrowserType = (typeof GUEST_BROWSER_TYPES)[number];
export type UserSimplifiedStatus = (typeof USER_SIMPLIFIED_STATUSES)[number];
export type UserAvailabilityStatus = (typeof USER_AVAILABILITY_STATUSES)[number];
export type OperatorStateKind = (typeof OPERATOR_STATE_KINDS)[number];
export type SessionTerminationReason = (typeof SESSION_TERMINATION_REASONS)[number];
export type GuestLeftSessionInState = (typeof GUEST_LEFT_SESSION_IN_STATES)[number];
export type EmailThreadState = (typeof EMAIL_THREAD_STATES)[number];
export type RoutingTimelineActivityType = (typeof ROUTING_TIMELINE_ACTIVITY_TYPES)[number];
export type SessionFileRemovalState = (typeof SESSION_FILE_REMOVAL_STATES)[number];
export type AnonymizationCategory = (typeof ANONYMIZATION_CATEGORIES)[number];
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];
export { ANONYMIZATION_CATEGORIES };
