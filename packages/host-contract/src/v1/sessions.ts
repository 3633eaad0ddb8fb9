import { z } from 'zod';
import {
  clientAvSupportSchema,
  clientCallParamSourceSchema,
  clientTypeSchema,
  deliveryStateSchema,
  dialNumberStateSchema,
  feedbackScaleSchema,
  getMediaResultSchema,
  guestBrowserTypeSchema,
  guestLeftSessionInStateSchema,
  guestOsTypeSchema,
  heroCardSubmissionResultSchema,
  sessionActivityTypeSchema,
  sessionAvRequestStateSchema,
  sessionChannelSchema,
  sessionFileRemovalStateSchema,
  sessionRecordingsStateSchema,
  sessionRecordingTypeSchema,
  sessionSourceSchema,
  sessionStatusSchema,
  sessionTerminationReasonSchema,
} from './enums.js';
import {
  dateTimeSchema,
  durationSchema,
  id32Schema,
  id64Schema,
  stringMapSchema,
} from './primitives.js';

/*
 * Session resources of the host's API v1 (`Sessions/SessionModel.cs`). Almost every field is
 * nullable in the C# models, so optional fields accept null as well as absence. Unknown fields are
 * dropped, never rejected: the host adds fields over time.
 */

/** A file shared in a session (`ActivityFile`). */
export const activityFileSchema = z.object({
  id: id32Schema,
  operatorOwner: id32Schema.nullish(),
  departmentOwner: id32Schema.nullish(),
  name: z.string().nullish(),
  downloadUrl: z.string().nullish(),
  isUploading: z.boolean().nullish(),
  isDeleted: z.boolean().nullish(),
});
export type ActivityFile = z.output<typeof activityFileSchema>;

/** An entry of `SessionModel.Activities`. */
export const sessionActivitySchema = z.object({
  activityId: id64Schema,
  time: dateTimeSchema,
  type: sessionActivityTypeSchema,
  client: clientTypeSchema.nullish(),
  userId: id32Schema.nullish(),
  chatbotId: id32Schema.nullish(),
  text: z.string().nullish(),
  file: activityFileSchema.nullish(),
  chatbotMessageContent: z.unknown().optional(),
  response: sessionAvRequestStateSchema.nullish(),
  result: getMediaResultSchema.nullish(),
  streamAvailable: z.boolean().nullish(),
  toOperatorUserId: id32Schema.nullish(),
  toOperatorFullName: z.string().nullish(),
  toGroupId: id32Schema.nullish(),
  toGroupName: z.string().nullish(),
  toPhoneNumber: z.string().nullish(),
  note: z.string().nullish(),
  originalFormId: z.union([z.number(), z.string()]).nullish(),
  replyToActivityId: id64Schema.nullish(),
  submissionOfActivityId: id64Schema.nullish(),
  submissionByOperatorId: id32Schema.nullish(),
  submissionResult: heroCardSubmissionResultSchema.nullish(),
  submissionParams: stringMapSchema.nullish(),
  submissionIdentification: z.string().nullish(),
  chatbotHeroCardSubmissionKey: z.string().nullish(),
  chatbotHeroCardSubmissionValue: z.string().nullish(),
  terminationReason: sessionTerminationReasonSchema.nullish(),
  status: deliveryStateSchema.nullish(),
});
export type SessionActivity = z.output<typeof sessionActivitySchema>;

/**
 * `SessionModel.Guest`. `trackedId` is the per-browser cookie GUID (the device key for bans and
 * client history); `identity` is the contact-directory id, i.e. the session ↔ contact link.
 */
export const guestInfoSchema = z.object({
  tempId: z.string().nullish(),
  ipAddress: z.string().nullish(),
  trackedId: z.string().nullish(),
  identity: z.string().nullish(),
  channelIdentity: z.string().nullish(),
  os: guestOsTypeSchema.nullish(),
  browser: guestBrowserTypeSchema.nullish(),
  language: z.string().nullish(),
  /** Extension: the client's user agent (v1 reports only the OS and browser families). */
  userAgent: z.string().nullish(),
  callParams: stringMapSchema.nullish(),
  gdprVersion: z.union([z.number(), z.string()]).nullish(),
});
export type GuestInfo = z.output<typeof guestInfoSchema>;

/** An operator who joined the session (`SessionModel.Operators`, also used for `Reviewers`). */
export const sessionOperatorSchema = z.object({
  userId: id32Schema,
  userName: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  joined: dateTimeSchema.nullish(),
  left: dateTimeSchema.nullish(),
  concluded: dateTimeSchema.nullish(),
  note: z.string().nullish(),
});
export type SessionOperator = z.output<typeof sessionOperatorSchema>;

export const sessionChatbotSchema = z.object({
  chatbotId: id32Schema,
  name: z.string().nullish(),
  joined: dateTimeSchema.nullish(),
  left: dateTimeSchema.nullish(),
});
export type SessionChatbot = z.output<typeof sessionChatbotSchema>;

export const sessionTagSchema = z.object({
  id: id32Schema.nullish(),
  name: z.string(),
  userId: id32Schema.nullish(),
});
export type SessionTag = z.output<typeof sessionTagSchema>;

/** A phone-call or audio/video recording (`SessionModel.Recordings`). */
export const sessionRecordingSchema = z.object({
  id: id64Schema,
  name: z.string().nullish(),
  started: dateTimeSchema.nullish(),
  duration: durationSchema.nullish(),
  type: sessionRecordingTypeSchema.nullish(),
  userId: id32Schema.nullish(),
  serviceId: z.union([z.number(), z.string()]).nullish(),
  downloadUrl: z.string().nullish(),
  isUploading: z.boolean().nullish(),
  isDeleted: z.boolean().nullish(),
});
export type SessionRecording = z.output<typeof sessionRecordingSchema>;

/** `GET /api/v1/Sessions/{id}` and the items of `GET /api/v1/Sessions`. */
export const sessionModelSchema = z.object({
  id: id64Schema,
  companyId: id32Schema.nullish(),
  departmentId: id32Schema.nullish(),
  channel: sessionChannelSchema,
  source: sessionSourceSchema,
  status: sessionStatusSchema.nullish(),
  avSupport: clientAvSupportSchema.nullish(),
  url: z.string().nullish(),
  widget: z.string().nullish(),
  campaignId: id32Schema.nullish(),
  directCallNumber: z.string().nullish(),
  phoneCallbackNumber: z.string().nullish(),
  isDirectChat: z.boolean().nullish(),
  phoneCallbackDialed: z.boolean().nullish(),
  outboundDialResult: dialNumberStateSchema.nullish(),
  created: dateTimeSchema.nullish(),
  guestJoined: dateTimeSchema.nullish(),
  started: dateTimeSchema.nullish(),
  ended: dateTimeSchema.nullish(),
  anonymized: dateTimeSchema.nullish(),
  waited: durationSchema.nullish(),
  length: durationSchema.nullish(),
  autoAccepted: z.boolean().nullish(),
  guestLeftSession: guestLeftSessionInStateSchema.nullish(),
  guest: guestInfoSchema.nullish(),
  operators: z.array(sessionOperatorSchema).nullish(),
  reviewers: z.array(sessionOperatorSchema).nullish(),
  chatbots: z.array(sessionChatbotSchema).nullish(),
  activities: z.array(sessionActivitySchema).nullish(),
  tags: z.array(sessionTagSchema).nullish(),
  blacklisted: z.boolean().nullish(),
  guestFeedbackStars: z.number().nullish(),
  guestFeedbackScale: feedbackScaleSchema.nullish(),
  guestFeedbackText: z.string().nullish(),
  recordings: z.array(sessionRecordingSchema).nullish(),
  recordingsState: sessionRecordingsStateSchema.nullish(),
  /**
   * Extension: the package (chat button / widget) the session came through. Absent on a v1-only
   * host, where a session's package cannot be told.
   */
  packageId: id32Schema.nullish(),
});
export type SessionModel = z.output<typeof sessionModelSchema>;

export const sessionListSchema = z.array(sessionModelSchema);

/** One session parameter (`GET /api/v1/Sessions/{id}/callparams`). */
export const callParamSchema = z.object({
  name: z.string(),
  value: z.string().nullish(),
  readOnly: z.boolean().nullish(),
  source: clientCallParamSourceSchema.nullish(),
  updatedDate: dateTimeSchema.nullish(),
});
export type CallParam = z.output<typeof callParamSchema>;

export const callParamsModelSchema = z.object({ callParams: z.array(callParamSchema) });
export type CallParamsModel = z.output<typeof callParamsModelSchema>;

/** `PUT /api/v1/Sessions/{id}/callparams`. */
export const updateCallParamsModelSchema = z.object({ callParams: stringMapSchema });
export type UpdateCallParamsModel = z.output<typeof updateCallParamsModelSchema>;

/** Body of `DELETE /api/v1/Sessions/{id}/files`. */
export const deleteSessionFilesRequestSchema = z.object({ fileIds: z.array(id32Schema).min(1) });
export type DeleteSessionFilesRequest = z.output<typeof deleteSessionFilesRequestSchema>;

/** Per-file outcome of a removal (`Sessions/SessionFiles.cs`). */
export const sessionFileRemovalSchema = z.object({
  fileId: id32Schema,
  state: sessionFileRemovalStateSchema,
});
export type SessionFileRemoval = z.output<typeof sessionFileRemovalSchema>;

export const deleteSessionFilesResponseSchema = z.array(sessionFileRemovalSchema);

/**
 * A file or recording of a session, flattened from the session's activities and recordings: v1 has
 * no file-list endpoint, so the client derives it from `GET /api/v1/Sessions/{id}`.
 */
export interface SessionFileRef {
  kind: 'file' | 'recording';
  id: string;
  name: string | null;
  downloadUrl: string | null;
  isDeleted: boolean;
  activityId: string | null;
}

export function sessionFilesOf(session: SessionModel): SessionFileRef[] {
  const seen = new Set<number>();
  const files: SessionFileRef[] = [];
  for (const activity of session.activities ?? []) {
    const file = activity.file;
    if (!file || seen.has(file.id)) continue;
    seen.add(file.id);
    files.push({
      kind: 'file',
      id: String(file.id),
      name: file.name ?? null,
      downloadUrl: file.downloadUrl ?? null,
      isDeleted: file.isDeleted ?? false,
      activityId: activity.activityId,
    });
  }
  for (const recording of session.recordings ?? []) {
    files.push({
      kind: 'recording',
      id: recording.id,
      name: recording.name ?? null,
      downloadUrl: recording.downloadUrl ?? null,
      isDeleted: recording.isDeleted ?? false,
      activityId: null,
    });
  }
  return files;
}
