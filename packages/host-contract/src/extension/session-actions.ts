import { z } from 'zod';
import { safeEnum } from '../safe-enum.js';
import { routingTimelineActivityTypeSchema } from '../v1/enums.js';
import { dateTimeSchema, id32Schema, id64Schema } from '../v1/primitives.js';
import { sessionFileRemovalSchema } from '../v1/sessions.js';

/*
 * What the extension lets Switchboard do to or read about one session.
 */

const operatorRef = z.object({
  userId: id32Schema,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});

/** One step of a session's routing (`Common/RoutingTimeLine.cs`, a v1 model without a v1 endpoint). */
export const routingTimelineItemSchema = z.object({
  routingRequestId: id64Schema.nullish(),
  timestamp: dateTimeSchema,
  activityType: routingTimelineActivityTypeSchema,
  group: z.object({ id: id32Schema, name: z.string().nullish() }).nullish(),
  phoneNumber: z.string().nullish(),
  operator: operatorRef.nullish(),
  forwardedByOperator: operatorRef.nullish(),
  invitedByOperator: operatorRef.nullish(),
});
export type RoutingTimelineItem = z.output<typeof routingTimelineItemSchema>;

/** `GET {hostApiBaseUrl}/extension/sessions/{sessionId}/routing-timeline`, oldest first. */
export const routingTimelineResponseSchema = z.object({
  sessionId: id64Schema,
  items: z.array(routingTimelineItemSchema),
});
export type RoutingTimelineResponse = z.output<typeof routingTimelineResponseSchema>;

export const END_SESSION_REASONS = [
  'disconnect_grace_expired',
  'banned_client',
  'callback_number_blocked',
  'admin_request',
] as const;
export type EndSessionReason = (typeof END_SESSION_REASONS)[number];

/** `POST {hostApiBaseUrl}/extension/sessions/{sessionId}/end` (capability `endSession`). */
export const endSessionRequestSchema = z.object({
  reason: z.enum(END_SESSION_REASONS),
  /** Shown to the operator in the session log. */
  note: z.string().max(500).optional(),
});
export type EndSessionRequest = z.output<typeof endSessionRequestSchema>;

export const END_SESSION_OUTCOMES = ['ENDED', 'ALREADY_ENDED'] as const;

/** Ending is idempotent: a second call answers 200 with `ALREADY_ENDED`. */
export const endSessionResponseSchema = z.object({
  sessionId: id64Schema,
  outcome: safeEnum(END_SESSION_OUTCOMES),
  endedAt: dateTimeSchema,
});
export type EndSessionResponse = z.output<typeof endSessionResponseSchema>;

/**
 * Categories of client data one session holds (setting 4). Statistics (channel, times,
 * durations) are never anonymized.
 * - messages_files: chat messages and shared files
 * - recordings: phone-call and audio/video recordings
 * - contact_link: the link between the session and the contact-directory record, and whatever
 *   else identifies the client in it (channel identity, contact details, IP address, the device's
 *   tracking id, user agent)
 * - session_params: every session parameter (operator, chatbot, entry form)
 * - result_feedback: the session result and the client's feedback
 */
export const ANONYMIZATION_CATEGORIES = [
  'messages_files',
  'recordings',
  'contact_link',
  'session_params',
  'result_feedback',
] as const;
export type AnonymizationCategory = (typeof ANONYMIZATION_CATEGORIES)[number];

/** `POST {hostApiBaseUrl}/extension/sessions/{sessionId}/anonymize` (`anonymizeByCategory`). */
export const anonymizeSessionRequestSchema = z.object({
  categories: z
    .array(z.enum(ANONYMIZATION_CATEGORIES))
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'categories must be unique'),
});
export type AnonymizeSessionRequest = z.output<typeof anonymizeSessionRequestSchema>;

/** Idempotent per category: repeating a done category answers ALREADY_ANONYMIZED. */
export const ANONYMIZATION_OUTCOMES = [
  'ANONYMIZED',
  'ALREADY_ANONYMIZED',
  'NOTHING_TO_ANONYMIZE',
  'FAILED',
] as const;

export const anonymizationResultSchema = z.object({
  category: safeEnum(ANONYMIZATION_CATEGORIES),
  outcome: safeEnum(ANONYMIZATION_OUTCOMES),
  /** How many items (messages, files, recordings, params) the category touched. */
  itemCount: z.number().int().nonnegative().nullish(),
  message: z.string().nullish(),
});
export type AnonymizationResult = z.output<typeof anonymizationResultSchema>;

export const anonymizeSessionResponseSchema = z.object({
  sessionId: id64Schema,
  results: z.array(anonymizationResultSchema),
});
export type AnonymizeSessionResponse = z.output<typeof anonymizeSessionResponseSchema>;

/**
 * `POST {hostApiBaseUrl}/extension/sessions/{sessionId}/files/delete` (`deleteFiles`). Without
 * `fileIds` every file shared in the session is deleted. Each file answers REMOVED,
 * ALREADY_REMOVED (idempotent retries) or INACCESSIBLE (retry later).
 */
export const deleteFilesRequestSchema = z.object({
  fileIds: z.array(id32Schema).min(1).optional(),
});
export type DeleteFilesRequest = z.output<typeof deleteFilesRequestSchema>;

export const deleteFilesResponseSchema = z.object({
  sessionId: id64Schema,
  results: z.array(sessionFileRemovalSchema),
});
export type DeleteFilesResponse = z.output<typeof deleteFilesResponseSchema>;
