import { z } from 'zod';

export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type HistoryQuery = z.output<typeof historyQuery>;

const lineSchema = z.object({
  time: z.string(),
  from: z.enum(['client', 'operator', 'chatbot']),
  authorName: z.string().nullable(),
  kind: z.enum(['text', 'file']),
  text: z.string(),
});

export const historySessionSchema = z.object({
  sessionId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  messages: z.array(lineSchema),
});
export type HistorySession = z.output<typeof historySessionSchema>;

export const clientHistorySchema = z.discriminatedUnion('enabled', [
  z.object({
    enabled: z.literal(true),
    /** Newest first. */
    sessions: z.array(historySessionSchema),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
  z.object({
    enabled: z.literal(false),
    reason: z.literal('history_disabled'),
    message: z.string(),
    sessions: z.array(historySessionSchema).length(0),
    total: z.literal(0),
  }),
]);
export type ClientHistory = z.output<typeof clientHistorySchema>;
