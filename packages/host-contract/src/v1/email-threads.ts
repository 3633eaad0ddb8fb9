import { z } from 'zod';
import {
  emailThreadActivityTypeSchema,
  emailThreadInitiatorSchema,
  emailThreadStateSchema,
  interactionParamSourceSchema,
} from './enums.js';
import { dateTimeSchema, id32Schema, id64Schema } from './primitives.js';

/** Thread tags appear as names or as tag objects depending on the endpoint; both read. */
export const emailThreadTagSchema = z.union([
  z.string(),
  z.object({ id: id32Schema.nullish(), name: z.string() }),
]);

export const emailThreadOperatorSchema = z.object({
  userId: id32Schema,
  assigned: dateTimeSchema.nullish(),
  unassigned: dateTimeSchema.nullish(),
});

export const emailThreadActivitySchema = z.object({
  id: id64Schema,
  body: z.string().nullish(),
  type: emailThreadActivityTypeSchema,
  userId: id32Schema.nullish(),
  created: dateTimeSchema.nullish(),
});

/** `GET /api/v1/EmailThreads/{id}` (`Emails/EmailThreadModel.cs`). */
export const emailThreadModelSchema = z.object({
  id: id64Schema,
  companyId: id32Schema.nullish(),
  departmentId: id32Schema.nullish(),
  tags: z.array(emailThreadTagSchema).nullish(),
  state: emailThreadStateSchema,
  created: dateTimeSchema.nullish(),
  lastClientMessage: dateTimeSchema.nullish(),
  subject: z.string().nullish(),
  clientNames: z.array(z.string()).nullish(),
  clientEmails: z.array(z.string()).nullish(),
  inboxName: z.string().nullish(),
  inboxAddress: z.string().nullish(),
  initiator: emailThreadInitiatorSchema.nullish(),
  operators: z.array(emailThreadOperatorSchema).nullish(),
  messageCount: z.number().int().nullish(),
  autoReplySent: z.boolean().nullish(),
  activities: z.array(emailThreadActivitySchema).nullish(),
});
export type EmailThreadModel = z.output<typeof emailThreadModelSchema>;

export const emailThreadListSchema = z.array(emailThreadModelSchema);

/** `GET /api/v1/EmailThreads/{id}/params`. */
export const emailThreadParamsSchema = z.object({
  params: z.array(
    z.object({
      name: z.string(),
      value: z.string().nullish(),
      readOnly: z.boolean().nullish(),
      source: interactionParamSourceSchema.nullish(),
      updatedDate: dateTimeSchema.nullish(),
    }),
  ),
});
export type EmailThreadParams = z.output<typeof emailThreadParamsSchema>;
