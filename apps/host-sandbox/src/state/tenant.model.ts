import type { PackageStatus } from './enums.js';

/** A host tenant (the v1 API calls it a department). */
export interface Tenant {
  id: number;
  companyId: number;
  name: string;
  timeZone: string;
  locale: 'cs' | 'en';
  /** Licence flags reported to plugins (e.g. `phone.callerIdSelection`, `av`). */
  entitlements: string[];
  createdAt: string;
}

export interface PackageStatusOverride {
  status: PackageStatus;
  reason: string | null;
  setAt: string;
}

/** A web-chat package (widget): clients arrive on it and it routes to groups and operators. */
export interface ChatPackage {
  id: number;
  tenantId: number;
  name: string;
  /** Groups the package routes to, in order. */
  groupIds: number[];
  /** Operators the package routes to directly, besides its groups' members. */
  userIds: number[];
  /** The status a plugin set through the extension; null = the host computes it. */
  statusOverride: PackageStatusOverride | null;
  buttonVisible: boolean;
}

export interface OperatorGroup {
  id: number;
  tenantId: number;
  name: string;
  type: 'NORMAL' | 'ALL_OPERATORS' | 'CHATBOT';
  userIds: number[];
  created: string;
}

export interface CallerId {
  tenantId: number;
  callerId: string;
  isDefault: boolean;
}

/** An absence (break) reason an operator can pick; the v1 API shows it only inside operator states. */
export interface AbsenceReason {
  id: number;
  tenantId: number;
  name: string;
  isPaid: boolean;
}

export interface Tag {
  id: number;
  tenantId: number;
  name: string;
  label: string;
}
