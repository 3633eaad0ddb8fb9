import { z } from 'zod';
import { listQuerySchema } from '../common/rest/list-query.js';

export const QUEUE_SORTABLE = ['position'] as const;
export const queueListQuery = listQuerySchema({
  sortable: QUEUE_SORTABLE,
  defaultSort: { field: 'position', order: 'ASC' },
  filter: z.object({}),
  maxLimit: 200,
});

export const queuedThreadSchema = z.object({
  /** The host's thread id (react-admin's record id). */
  id: z.string(),
  threadId: z.string(),
  /** 1 = the thread the next claim takes (claimed threads keep their place until assigned). */
  position: z.number().int(),
  receivedAt: z.iso.datetime(),
  /** `claimed`: offered to an operator, waiting for the host to assign it. */
  state: z.enum(['queued', 'claimed']),
  claimedBy: z.number().int().nullable(),
  claimedUntil: z.iso.datetime().nullable(),
  /** The effective `email.queueOrder` the page is in. */
  order: z.enum(['newest', 'oldest']),
});
export type QueuedThread = z.output<typeof queuedThreadSchema>;

export const takenThreadSchema = z.object({
  /** The thread now assigned to the caller on the host; null when the queue is empty. */
  threadId: z.string().nullable(),
  assignedAt: z.iso.datetime({ offset: true }).nullable(),
});
