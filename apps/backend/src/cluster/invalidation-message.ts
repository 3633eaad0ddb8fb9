import { z } from 'zod';
import type { CacheInvalidateEvent } from './cache-invalidation.events.js';

/** The PostgreSQL notification channel the instances of one database share. */
export const INVALIDATION_CHANNEL = 'switchboard_cache_invalidate';

/** What travels in a NOTIFY payload: the event and the instance that published it. */
export interface InvalidationMessage {
  /** The publishing instance; it skips its own message (it invalidated when it published). */
  origin: string;
  event: CacheInvalidateEvent;
}

const messageSchema = z.object({
  v: z.literal(1),
  origin: z.string().min(1).max(100),
  event: z.discriminatedUnion('scope', [
    z.object({ scope: z.enum(['settings', 'tenant']), tenantId: z.string().min(1).max(200) }),
    z.object({ scope: z.literal('all'), tenantId: z.null() }),
  ]),
});

/** Far below PostgreSQL's 8000-byte payload limit: tenant ids are short. */
export function encodeInvalidation(message: InvalidationMessage): string {
  return JSON.stringify({ v: 1, origin: message.origin, event: message.event });
}

/** null for anything that is not a message of ours (another version, garbage). */
export function decodeInvalidation(payload: string): InvalidationMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return null;
  return { origin: parsed.data.origin, event: parsed.data.event };
}
