import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { PanelSession } from './panel-session.entity.js';
import { UsedToken } from './used-token.entity.js';

/** How often expired sessions and remembered token ids are removed. */
export const AUTH_CLEANUP_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Removes expired panel sessions and the ids of host JWTs past their expiry (of every tenant),
 * on a timer rather than in a request, so no caller pays for other tenants' housekeeping.
 * Expired rows are already refused when read; this only keeps the tables small.
 */
@Injectable()
export class AuthCleanupJob {
  private readonly logger = new Logger(AuthCleanupJob.name);

  constructor(private readonly em: EntityManager) {}

  @Interval(AUTH_CLEANUP_INTERVAL_MS)
  async run(): Promise<void> {
    try {
      await this.prune();
    } catch (error) {
      // A failed round is retried by the next one; it must not become an unhandled rejection.
      this.logger.error(
        { reason: error instanceof Error ? error.message : String(error) },
        'Auth cleanup failed',
      );
    }
  }

  /** One round, in a context of its own; answers how many rows went. */
  async prune(now: Date = new Date()): Promise<{ sessions: number; tokenIds: number }> {
    const em = this.em.fork();
    const sessions = await em.nativeDelete(PanelSession, { expiresAt: { $lt: now } });
    const tokenIds = await em.nativeDelete(UsedToken, { expiresAt: { $lt: now } });
    if (sessions + tokenIds > 0) {
      this.logger.debug({ sessions, tokenIds }, 'Expired sessions and token ids removed');
    }
    return { sessions, tokenIds };
  }
}
