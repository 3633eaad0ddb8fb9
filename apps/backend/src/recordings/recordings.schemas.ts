import { z } from 'zod';

export const recordingViewSchema = z.object({
  recordingId: z.string(),
  name: z.string().nullable(),
  startedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  type: z.string().nullable(),
  userId: z.string().nullable(),
  /** The host's URL; following it needs the host's own credentials. */
  downloadUrl: z.string().nullable(),
  isDeleted: z.boolean(),
});
export type RecordingView = z.output<typeof recordingViewSchema>;

export const sessionRecordingsSchema = z.object({
  sessionId: z.string(),
  /** The host's post-processing state when the list was last refreshed; null: nothing reported. */
  processingState: z.string().nullable(),
  refreshedAt: z.string().nullable(),
  recordings: z.array(recordingViewSchema),
});
export type SessionRecordingsView = z.output<typeof sessionRecordingsSchema>;

export const sessionIdParam = z.object({ sessionId: z.string().regex(/^\d{1,20}$/) });
