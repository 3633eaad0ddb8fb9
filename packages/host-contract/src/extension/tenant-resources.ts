import { z } from 'zod';
import { dateTimeSchema, id32Schema, id64Schema } from '../v1/primitives.js';

/** A caller ID of the tenant (`Phones/CallerIdItem`), from `GET .../extension/caller-ids`. */
export const callerIdSchema = z.object({
  /** E.164 as the host stores it. */
  callerId: z.string().min(1),
  isDefault: z.boolean(),
  departmentId: id32Schema.nullish(),
  label: z.string().nullish(),
});
export type CallerId = z.output<typeof callerIdSchema>;

export const callerIdListSchema = z.array(callerIdSchema);

/**
 * An absence (break) reason operators can pick (capability `absenceReasons`), from
 * `GET .../extension/absence-reasons`. Ids match `OperatorStateModel.breakStateId` and
 * `UserStatusChanged.absenceReason.id`.
 */
export const absenceReasonSchema = z.object({
  id: id32Schema,
  name: z.string(),
  isPaid: z.boolean().nullish(),
});
export type AbsenceReason = z.output<typeof absenceReasonSchema>;

export const absenceReasonListSchema = z.array(absenceReasonSchema);

/**
 * `POST .../extension/email-threads/{threadId}/assign` (capability `emailAssignment`). With
 * `onlyIfUnassigned` (the default) the host refuses with 409 `already_assigned` when another
 * operator holds the thread, so two claims can never both win.
 */
export const assignEmailThreadRequestSchema = z.object({
  userId: id32Schema,
  onlyIfUnassigned: z.boolean().default(true),
});
export type AssignEmailThreadRequest = z.input<typeof assignEmailThreadRequestSchema>;

export const assignEmailThreadResponseSchema = z.object({
  threadId: id64Schema,
  userId: id32Schema,
  assignedAt: dateTimeSchema,
});
export type AssignEmailThreadResponse = z.output<typeof assignEmailThreadResponseSchema>;

export const emailThreadAlreadyAssignedSchema = z.object({
  code: z.literal('already_assigned'),
  threadId: id64Schema,
  userId: id32Schema,
});
export type EmailThreadAlreadyAssigned = z.output<typeof emailThreadAlreadyAssignedSchema>;
