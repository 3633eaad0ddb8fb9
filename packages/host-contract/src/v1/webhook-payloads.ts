import { z } from 'zod';
import { type WebhookEventType } from '../webhook-event-type.js';
import {
  clientTypeSchema,
  getMediaResultSchema,
  heroCardSubmissionResultSchema,
  sessionActivityTypeSchema,
  sessionAvRequestStateSchema,
  sessionChannelSchema,
  sessionSourceSchema,
  sessionTerminationReasonSchema,
  userAvailabilityStatusSchema,
  userSimplifiedStatusSchema,
} from './enums.js';
import { dateTimeSchema, id32Schema, id64Schema, stringMapSchema } from './primitives.js';
import { activityFileSchema } from './sessions.js';

/*
 * The `data` of each v1 webhook event (`Webhooks/Payloads/*.cs`). Payloads are thin: ids, channel,
 * source and times; details come from REST. `tenantId` is the host's department id.
 */

const sessionRef = {
  id: id64Schema,
  tenantId: id32Schema,
  channel: sessionChannelSchema,
  source: sessionSourceSchema,
};

export const sessionCreatedPayloadSchema = z.object({ ...sessionRef });
export type SessionCreatedPayload = z.output<typeof sessionCreatedPayloadSchema>;

export const sessionStartedPayloadSchema = z.object({ ...sessionRef, started: dateTimeSchema });
export type SessionStartedPayload = z.output<typeof sessionStartedPayloadSchema>;

/** SessionOperatorJoined, SessionOperatorLeft (operator enters ACW), SessionOperatorConcluded. */
export const sessionOperatorPayloadSchema = z.object({
  ...sessionRef,
  userId: id32Schema,
  time: dateTimeSchema,
});
export type SessionOperatorPayload = z.output<typeof sessionOperatorPayloadSchema>;

/** The forward target is whichever of userId, operatorGroupId, chatbotId is set. */
export const sessionForwardedPayloadSchema = z.object({
  ...sessionRef,
  time: dateTimeSchema,
  userId: id32Schema.nullish(),
  operatorGroupId: id32Schema.nullish(),
  chatbotId: id32Schema.nullish(),
});
export type SessionForwardedPayload = z.output<typeof sessionForwardedPayloadSchema>;

export const sessionEndedPayloadSchema = z.object({
  ...sessionRef,
  started: dateTimeSchema.nullish(),
  ended: dateTimeSchema,
});
export type SessionEndedPayload = z.output<typeof sessionEndedPayloadSchema>;

/** SessionCallParamsUpdated, SessionRecordingPostProcessingCompleted: fetch the details over REST. */
export const sessionIdPayloadSchema = z.object({ id: id64Schema, tenantId: id32Schema });
export type SessionIdPayload = z.output<typeof sessionIdPayloadSchema>;

export const emailThreadCreatedPayloadSchema = z.object({
  id: id64Schema,
  tenantId: id32Schema,
  created: dateTimeSchema,
});
export type EmailThreadCreatedPayload = z.output<typeof emailThreadCreatedPayloadSchema>;

/** EmailThreadOperatorJoined, EmailThreadOperatorLeft. */
export const emailThreadOperatorPayloadSchema = z.object({
  id: id64Schema,
  tenantId: id32Schema,
  userId: id32Schema,
  time: dateTimeSchema,
});
export type EmailThreadOperatorPayload = z.output<typeof emailThreadOperatorPayloadSchema>;

export const emailThreadForwardedPayloadSchema = z.object({
  id: id64Schema,
  tenantId: id32Schema,
  time: dateTimeSchema,
  userId: id32Schema.nullish(),
  operatorGroupId: id32Schema.nullish(),
});
export type EmailThreadForwardedPayload = z.output<typeof emailThreadForwardedPayloadSchema>;

/** EmailThreadParamsUpdated (class still named EmailThreadInteractionParamsUpdatedPayload). */
export const emailThreadIdPayloadSchema = z.object({ id: id64Schema, tenantId: id32Schema });
export type EmailThreadIdPayload = z.output<typeof emailThreadIdPayloadSchema>;

/** GuestIdentityUpdated: the sources do not say which entity `id` is; it is read as a 64-bit id. */
export const guestIdentityUpdatedPayloadSchema = z.object({ id: id64Schema, tenantId: id32Schema });
export type GuestIdentityUpdatedPayload = z.output<typeof guestIdentityUpdatedPayloadSchema>;

/**
 * UserStatusChanged. v1 carries no tenant, no time and no break id; a host with the extension
 * capability `absenceReasons` adds `tenantId`, `changed` and `absenceReason` (the break/absence
 * reason the operator picked), so package status can follow "all routed operators are away".
 */
export const userStatusChangedPayloadSchema = z.object({
  userId: id32Schema,
  status: userSimplifiedStatusSchema,
  availabilityStatus: userAvailabilityStatusSchema.nullish(),
  availabilityStatusReason: z.string().nullish(),
  tenantId: id32Schema.nullish(),
  changed: dateTimeSchema.nullish(),
  absenceReason: z.object({ id: id32Schema, name: z.string() }).nullish(),
});
export type UserStatusChangedPayload = z.output<typeof userStatusChangedPayloadSchema>;

/** ApplicationSettingChanged: the setting's name and scope, never its value. */
export const applicationSettingChangedPayloadSchema = z.object({
  name: z.string(),
  companyId: id32Schema.nullish(),
  departmentId: id32Schema.nullish(),
  operatorGroupId: id32Schema.nullish(),
  userId: id32Schema.nullish(),
  routingRuleSetId: id32Schema.nullish(),
});
export type ApplicationSettingChangedPayload = z.output<
  typeof applicationSettingChangedPayloadSchema
>;

/** SessionActivityAvRequest, SessionActivityAvTerminated. */
export const avActivityPayloadSchema = z.object({
  sessionId: id64Schema,
  operatorId: id32Schema.nullish(),
  time: dateTimeSchema,
});
export type AvActivityPayload = z.output<typeof avActivityPayloadSchema>;

export const avResponsePayloadSchema = avActivityPayloadSchema.extend({
  response: sessionAvRequestStateSchema,
});
export type AvResponsePayload = z.output<typeof avResponsePayloadSchema>;

export const avMediaResultPayloadSchema = avActivityPayloadSchema.extend({
  result: getMediaResultSchema,
  isStreamAvailable: z.boolean().nullish(),
});
export type AvMediaResultPayload = z.output<typeof avMediaResultPayloadSchema>;

export const heroCardSubmissionPayloadSchema = z.object({
  sessionId: id64Schema,
  result: heroCardSubmissionResultSchema,
  originalFormID: z.union([z.number(), z.string()]).nullish(),
  submittedByClient: z.boolean().nullish(),
  params: stringMapSchema.nullish(),
  time: dateTimeSchema,
});
export type HeroCardSubmissionPayload = z.output<typeof heroCardSubmissionPayloadSchema>;

/**
 * `SessionActivityGenericPayload`, used by every other SessionActivity* event. Its obsolete,
 * untyped members (HeroCard, HeroCardParams, CallScript, PreviewUrl) are not read.
 */
export const sessionActivityGenericPayloadSchema = z.object({
  sessionId: id64Schema,
  activityId: id64Schema,
  time: dateTimeSchema,
  type: sessionActivityTypeSchema,
  client: clientTypeSchema.nullish(),
  text: z.string().nullish(),
  file: activityFileSchema.nullish(),
  associatedSharedFileUrl: z.string().nullish(),
  toOperatorUserId: id32Schema.nullish(),
  toOperatorFullName: z.string().nullish(),
  toGroupId: id32Schema.nullish(),
  toGroupName: z.string().nullish(),
  toPhoneNumber: z.string().nullish(),
  note: z.string().nullish(),
  chatbotMessageContent: z.unknown().optional(),
  submissionIdentification: z.string().nullish(),
  userId: id32Schema.nullish(),
  chatbotId: id32Schema.nullish(),
  chatbotHeroCardSubmissionKey: z.string().nullish(),
  chatbotHeroCardSubmissionValue: z.string().nullish(),
  formFieldSetUUID: z.string().nullish(),
  terminationReason: sessionTerminationReasonSchema.nullish(),
});
export type SessionActivityGenericPayload = z.output<typeof sessionActivityGenericPayloadSchema>;

/** The payload schema of every v1 event type. */
export const V1_WEBHOOK_PAYLOAD_SCHEMAS = {
  SessionCreated: sessionCreatedPayloadSchema,
  SessionStarted: sessionStartedPayloadSchema,
  SessionOperatorJoined: sessionOperatorPayloadSchema,
  SessionForwarded: sessionForwardedPayloadSchema,
  SessionEnded: sessionEndedPayloadSchema,
  SessionOperatorLeft: sessionOperatorPayloadSchema,
  SessionOperatorConcluded: sessionOperatorPayloadSchema,
  SessionCallParamsUpdated: sessionIdPayloadSchema,
  SessionRecordingPostProcessingCompleted: sessionIdPayloadSchema,
  EmailThreadCreated: emailThreadCreatedPayloadSchema,
  EmailThreadOperatorJoined: emailThreadOperatorPayloadSchema,
  EmailThreadOperatorLeft: emailThreadOperatorPayloadSchema,
  EmailThreadForwarded: emailThreadForwardedPayloadSchema,
  EmailThreadParamsUpdated: emailThreadIdPayloadSchema,
  GuestIdentityUpdated: guestIdentityUpdatedPayloadSchema,
  UserStatusChanged: userStatusChangedPayloadSchema,
  ApplicationSettingChanged: applicationSettingChangedPayloadSchema,
  SessionActivityAvRequest: avActivityPayloadSchema,
  SessionActivityAvResponse: avResponsePayloadSchema,
  SessionActivityAvMediaResult: avMediaResultPayloadSchema,
  SessionActivityAvTerminated: avActivityPayloadSchema,
  SessionActivityHeroCardSubmission: heroCardSubmissionPayloadSchema,
  SessionActivityChatMessage: sessionActivityGenericPayloadSchema,
  SessionActivitySharedFile: sessionActivityGenericPayloadSchema,
  SessionActivitySharedScreen: sessionActivityGenericPayloadSchema,
  SessionActivityCobrowsingStarted: sessionActivityGenericPayloadSchema,
  SessionActivityCobrowsingStoppedByGuest: sessionActivityGenericPayloadSchema,
  SessionActivityScreenSharingFailedByGuest: sessionActivityGenericPayloadSchema,
  SessionActivityFileUploadFailed: sessionActivityGenericPayloadSchema,
  SessionActivityHeroCard: sessionActivityGenericPayloadSchema,
  SessionActivityChatbotMessage: sessionActivityGenericPayloadSchema,
  SessionActivityCallScript: sessionActivityGenericPayloadSchema,
  SessionActivityCallScriptSubmission: sessionActivityGenericPayloadSchema,
  SessionActivityWelcomeMessage: sessionActivityGenericPayloadSchema,
  SessionActivityLastFarewellMessage: sessionActivityGenericPayloadSchema,
  SessionActivityPreviewUrl: sessionActivityGenericPayloadSchema,
  SessionActivityExternalMessage: sessionActivityGenericPayloadSchema,
  SessionActivityOnHold: sessionActivityGenericPayloadSchema,
  SessionActivityResumeGuest: sessionActivityGenericPayloadSchema,
  SessionActivityChatToMail: sessionActivityGenericPayloadSchema,
  SessionActivityAutoActivity: sessionActivityGenericPayloadSchema,
  SessionActivityAutoActivityAsOperator: sessionActivityGenericPayloadSchema,
  SessionActivityChatbotHeroCardSubmission: sessionActivityGenericPayloadSchema,
  SessionActivitySessionEnded: sessionActivityGenericPayloadSchema,
  SessionActivitySessionForwarded: sessionActivityGenericPayloadSchema,
  SessionActivityOperatorInvited: sessionActivityGenericPayloadSchema,
  SessionActivityOperatorInviteCanceled: sessionActivityGenericPayloadSchema,
  SessionActivityOperatorInviteRejected: sessionActivityGenericPayloadSchema,
  SessionActivityOperatorKicked: sessionActivityGenericPayloadSchema,
} as const satisfies Record<WebhookEventType, z.ZodType>;

export type V1WebhookPayloads = {
  [K in WebhookEventType]: z.output<(typeof V1_WEBHOOK_PAYLOAD_SCHEMAS)[K]>;
};
