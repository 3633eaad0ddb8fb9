import { z } from 'zod';
import { safeEnum } from '../safe-enum.js';
import { dateTimeSchema, id32Schema } from '../v1/primitives.js';

/*
 * Packages (the host's web-chat buttons / widgets) and their status (capability `packageStatus`).
 * v1 can only hide the chat button; the extension lets Switchboard force online, busy or offline.
 */

export const PACKAGE_STATUSES = ['online', 'busy', 'offline'] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

/** Machine reasons Switchboard sends with a status; the host shows them to admins. */
export const PACKAGE_STATUS_REASONS = [
  'operators_available',
  'all_operators_away',
  'no_operators_online',
  'outside_hours',
  'manual',
] as const;

/** `PUT {hostApiBaseUrl}/extension/packages/{packageId}/status`. */
export const setPackageStatusRequestSchema = z.object({
  status: z.enum(PACKAGE_STATUSES),
  /** One of PACKAGE_STATUS_REASONS, or another machine code a newer Switchboard sends. */
  reason: z.string().min(1).max(100),
  /** Optional human text, e.g. which absence reasons made everyone away. */
  note: z.string().max(500).optional(),
});
export type SetPackageStatusRequest = z.output<typeof setPackageStatusRequestSchema>;

/** The package's status after the call (also the items' `status` in the package list). */
export const packageStatusResponseSchema = z.object({
  packageId: id32Schema,
  status: safeEnum(PACKAGE_STATUSES),
  reason: z.string().nullish(),
  changedAt: dateTimeSchema,
});
export type PackageStatusResponse = z.output<typeof packageStatusResponseSchema>;

/**
 * `GET {hostApiBaseUrl}/extension/packages`: the tenant's packages with the operator groups each
 * routes to, which is what "every operator the package routes to is away" is computed from.
 */
export const packageModelSchema = z.object({
  id: id32Schema,
  name: z.string(),
  groupIds: z.array(id32Schema),
  /** Operators the package routes to directly, besides its groups' members. */
  userIds: z.array(id32Schema).nullish(),
  status: safeEnum(PACKAGE_STATUSES).nullish(),
  statusReason: z.string().nullish(),
});
export type PackageModel = z.output<typeof packageModelSchema>;

export const packageListSchema = z.array(packageModelSchema);
