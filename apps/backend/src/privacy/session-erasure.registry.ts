import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';

/** What one capability erased about one session. */
export interface ErasureResult {
  /** The kind of data, e.g. `preview`, `routing`, `ban_reference`, `transcript`, `history_index`. */
  category: string;
  /** Rows (or records) removed or blanked; 0 when there was nothing to erase. */
  erased: number;
}

/**
 * Erases one capability's own data about a session. Must be idempotent (a crash repeats it) and
 * must use the given entity manager, so that the caller's transaction covers every capability.
 */
export type SessionEraser = (
  input: { tenantId: string; sessionId: string },
  em: EntityManager,
) => Promise<ErasureResult>;

/**
 * Anonymization erases Switchboard's own copy of a session's personal data as well as the host's.
 * Each capability that keeps such data registers an eraser here (in `onModuleInit`), so that the
 * anonymization run reaches data it does not own without importing every capability.
 */
@Injectable()
export class SessionErasureRegistry {
  private readonly erasers = new Map<string, SessionEraser>();

  register(owner: string, eraser: SessionEraser): void {
    if (this.erasers.has(owner)) throw new Error(`An eraser for ${owner} is already registered`);
    this.erasers.set(owner, eraser);
  }

  /** Runs every eraser in registration order; the results name each owner's category. */
  async eraseSession(
    input: { tenantId: string; sessionId: string },
    em: EntityManager,
  ): Promise<(ErasureResult & { owner: string })[]> {
    const results: (ErasureResult & { owner: string })[] = [];
    for (const [owner, eraser] of this.erasers) {
      results.push({ owner, ...(await eraser(input, em)) });
    }
    return results;
  }

  owners(): string[] {
    return [...this.erasers.keys()];
  }
}
