import { z } from 'zod';
import { jsonQueryParameter, listQuerySchema } from '../common/rest/list-query.js';
import { AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES } from './audit-entry.entity.js';

const isoDateTime = z.iso.datetime({ offset: true });

export const auditFilterSchema = z.object({
  /** ids, as react-admin's getMany asks for them */
  id: z.array(z.number().int()).max(500).optional(),
  /** exact action, or every action under a prefix when it ends with a dot ('settings.') */
  action: z
    .string()
    .regex(/^[\w.-]{1,100}$/)
    .optional(),
  actorId: z.string().min(1).max(200).optional(),
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  targetType: z.string().min(1).max(100).optional(),
  targetId: z.string().min(1).max(200).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  /** free text in the action, the actor and the target */
  q: z.string().min(1).max(200).optional(),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const AUDIT_SORTABLE = [
  'id',
  'occurredAt',
  'action',
  'actorId',
  'outcome',
  'targetType',
] as const;

export const auditListQuery = listQuerySchema({
  sortable: AUDIT_SORTABLE,
  defaultSort: { field: 'occurredAt', order: 'DESC' },
  filter: auditFilterSchema,
});

export const auditExportQuery = z.object({ filter: jsonQueryParameter(auditFilterSchema) });
export type AuditExportQuery = z.output<typeof auditExportQuery>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorType: z.enum(AUDIT_ACTOR_TYPES),
  actorId: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntryView = z.output<typeof auditEntrySchema>;
