import { PACKAGE_STATUSES } from '@switchboard/host-contract';
import { z } from 'zod';
import { listQuerySchema } from '../common/rest/list-query.js';
import { PRESENCES } from './operator-presence.entity.js';
import { STATUS_TRIGGERS } from './package-status-change.entity.js';

const hostId = z.coerce.number().int().min(1).max(2_147_483_647);

export const packageParams = z.object({ packageId: hostId });
export type PackageParams = z.output<typeof packageParams>;

export const PACKAGE_SORTABLE = ['packageId', 'name', 'status', 'changedAt'] as const;
export const packageFilter = z.object({ status: z.enum(PACKAGE_STATUSES).optional() });
export type PackageFilter = z.output<typeof packageFilter>;
export const packageListQuery = listQuerySchema({
  sortable: PACKAGE_SORTABLE,
  defaultSort: { field: 'packageId', order: 'ASC' },
  filter: packageFilter,
});

export const CHANGE_SORTABLE = ['id', 'occurredAt'] as const;
export const changeFilter = z.object({
  packageId: hostId.optional(),
  trigger: z.enum(STATUS_TRIGGERS).optional(),
});
export type ChangeFilter = z.output<typeof changeFilter>;
export const changeListQuery = listQuerySchema({
  sortable: CHANGE_SORTABLE,
  defaultSort: { field: 'id', order: 'DESC' },
  filter: changeFilter,
});

const counts = z.object({
  routed: z.number().int(),
  available: z.number().int(),
  away: z.number().int(),
});

export const packageStatusViewSchema = z.object({
  /** The host's package id (react-admin's record id). */
  id: z.number().int(),
  packageId: z.number().int(),
  name: z.string().nullable(),
  status: z.enum(PACKAGE_STATUSES),
  /** A PACKAGE_STATUS_REASONS code. */
  reason: z.string(),
  /** Which absence reasons made everyone away ("Oběd ×2, Porada ×1"). */
  note: z.string().nullable(),
  changedAt: z.iso.datetime(),
  counts,
  /** The effective `chat.statusWhenAllAway` of the package. */
  whenAllAway: z.enum(['busy', 'offline']),
  push: z.object({
    /** `confirmed`: the host shows it; `pending`: being sent; `failed`: retrying (see error). */
    state: z.enum(['confirmed', 'pending', 'failed']),
    pushedAt: z.iso.datetime().nullable(),
    error: z.string().nullable(),
  }),
});
export type PackageStatusView = z.output<typeof packageStatusViewSchema>;

export const routedOperatorSchema = z.object({
  userId: z.number().int(),
  presence: z.enum(PRESENCES),
  absenceReasonId: z.number().int().nullable(),
  absenceReasonName: z.string().nullable(),
  changedAt: z.iso.datetime().nullable(),
});

export const packageStatusDetailSchema = packageStatusViewSchema.extend({
  operators: z.array(routedOperatorSchema),
});
export type PackageStatusDetail = z.output<typeof packageStatusDetailSchema>;

export const statusChangeViewSchema = z.object({
  id: z.number().int(),
  packageId: z.number().int(),
  from: z.enum(PACKAGE_STATUSES).nullable(),
  to: z.enum(PACKAGE_STATUSES),
  reason: z.string(),
  note: z.string().nullable(),
  trigger: z.enum(STATUS_TRIGGERS),
  operatorUserId: z.number().int().nullable(),
  occurredAt: z.iso.datetime(),
});
export type StatusChangeView = z.output<typeof statusChangeViewSchema>;

export const syncStateSchema = z.object({
  /** `extension`: statuses set through the extension; `v1`: the chat button; null: never read. */
  mode: z.enum(['extension', 'v1']).nullable(),
  syncedAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.iso.datetime().nullable(),
});
export type SyncStateView = z.output<typeof syncStateSchema>;
