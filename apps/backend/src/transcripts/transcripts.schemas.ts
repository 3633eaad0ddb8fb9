import { z } from 'zod';
import { TRANSCRIPT_REQUESTERS, TRANSCRIPT_STATES } from './transcript-request.entity.js';

export const sessionIdParam = z.object({ sessionId: z.string().regex(/^\d{1,20}$/) });

export const transcriptRequestBody = z.object({
  /** Where the client wants the transcript. */
  recipient: z.email().max(320),
});
export type TranscriptRequestBody = z.output<typeof transcriptRequestBody>;

export const transcriptRequestViewSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  recipient: z.string(),
  requestedBy: z.enum(TRANSCRIPT_REQUESTERS),
  /** waiting: for the session to end; queued: being sent (retried on failure); sent; failed. */
  state: z.enum(TRANSCRIPT_STATES),
  messageId: z.string(),
  replyTo: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type TranscriptRequestView = z.output<typeof transcriptRequestViewSchema>;
