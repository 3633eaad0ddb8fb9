import { BAN_DURATIONS } from '@switchboard/settings-model';
import { z } from 'zod';
import { listQuerySchema } from '../common/rest/list-query.js';
import { BAN_KINDS } from './channel-identity.js';

export const BAN_STATUSES = ['active', 'expired', 'revoked'] as const;
export type BanStatus = (typeof BAN_STATUSES)[number];

const sessionId = z.string().regex(/^\d{1,20}$/);

/**
 * A new ban: of the client of a session (`sessionId`; the value is read from the host's session
 * when not given) or of a value typed in (`value`). Operators pick one of the offered durations;
 * supervisors and admins may also set an exact expiry.
 */
export const createBanBody = z.object({
  kind: z.enum(BAN_KINDS),
  value: z.string().trim().min(1).max(200).optional(),
  sessionId: sessionId.optional(),
  reason: z.string().trim().min(1).max(500),
  duration: z.enum(BAN_DURATIONS).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateBanBody = z.output<typeof createBanBody>;

export const revokeBanBody = z
  .object({ note: z.string().trim().min(1).max(500).optional() })
  .default({});
export type RevokeBanBody = z.output<typeof revokeBanBody>;

export const banIdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
export type BanIdParams = z.output<typeof banIdParams>;

export const banFilter = z.object({
  /** Matches the value (a phone number in any spelling), the reason or who banned. */
  q: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(BAN_KINDS).optional(),
  status: z.enum(BAN_STATUSES).optional(),
  sessionId: sessionId.optional(),
});
export type BanFilter = z.output<typeof banFilter>;

export const BAN_SORTABLE = ['createdAt', 'expiresAt', 'id'] as const;

export const banListQuery = listQuerySchema({
  sortable: BAN_SORTABLE,
  defaultSort: { field: 'createdAt', order: 'DESC' },
  filter: banFilter,
});

const actorSchema = z.object({ id: z.string(), name: z.string().nullable() });

export const banViewSchema = z.object({
  id: z.number().int(),
  kind: z.enum(BAN_KINDS),
  value: z.string(),
  reason: z.string(),
  duration: z.string(),
  status: z.enum(BAN_STATUSES),
  expiresAt: z.string().nullable(),
  sessionId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: actorSchema.extend({ role: z.string() }),
  revokedAt: z.string().nullable(),
  revokedBy: actorSchema.nullable(),
  revokeNote: z.string().nullable(),
});
export type BanView = z.output<typeof banViewSchema>;

export const banPermissionsSchema = z.object({
  /** Whether the caller may ban now (operators: while setting 3 is on). */
  mayBan: z.boolean(),
  /** Durations the caller may pick. */
  durations: z.array(z.enum(BAN_DURATIONS)),
  /** Supervisors and admins may also set an exact expiry. */
  customExpiry: z.boolean(),
});
export type BanPermissions = z.output<typeof banPermissionsSchema>;
