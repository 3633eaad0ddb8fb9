import { EntityManager } from '@mikro-orm/core';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import { InboxMessage } from './inbox-message.entity.js';

/** How often an instance deletes expired deliveries (any instance may; deleting twice is harmless). */
const PURGE_EVERY_MS = 10 * 60_000;
/** Rows per delete statement, so that a large backlog never holds a long lock. */
const PURGE_BATCH = 2000;

/**
 * The inbox keeps each webhook body as received, and bodies carry personal data (chat text, file
 * names, phone numbers). Two things keep it from outliving its use: processed deliveries and dead
 * letters are deleted after their retention, and anonymizing a session deletes every delivery
 * about it at once (the `inbox` eraser), whatever its state, so that a late delivery cannot bring
 * the session's data back either.
 */
@Injectable()
export class InboxRetention
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(InboxRetention.name);
  private timer: NodeJS.Timeout | null = null;
  private purging: Promise<unknown> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly erasure: SessionErasureRegistry,
    @InjectEnv() private readonly env: Env,
  ) {}

  onModuleInit(): void {
    this.erasure.register('inbox', async ({ tenantId, sessionId }, em) => ({
      category: 'webhook_deliveries',
      erased: await em.nativeDelete(InboxMessage, { tenant: tenantId, sessionId }),
    }));
  }

  onApplicationBootstrap(): void {
    // Instances that process the inbox also clean it; an ingest-only one leaves it to them.
    if (!this.env.INBOX_WORKER) return;
    this.timer = setInterval(() => this.purgeInBackground(), PURGE_EVERY_MS);
    this.timer.unref();
    this.purgeInBackground();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.purging;
  }

  /**
   * Deletes processed deliveries older than INBOX_RETENTION_HOURS and dead letters older than
   * INBOX_DEAD_RETENTION_DAYS, in batches. A done or dead row's `available_at` is when it got
   * there, so the (state, available_at) index finds them.
   */
  async purgeExpired(now: Date = new Date()): Promise<{ done: number; dead: number }> {
    return {
      done: await this.purgeState(
        'done',
        new Date(now.getTime() - this.env.INBOX_RETENTION_HOURS * 3_600_000),
      ),
      dead: await this.purgeState(
        'dead',
        new Date(now.getTime() - this.env.INBOX_DEAD_RETENTION_DAYS * 86_400_000),
      ),
    };
  }

  private async purgeState(state: 'done' | 'dead', before: Date): Promise<number> {
    const em = this.em.fork();
    let purged = 0;
    for (;;) {
      const batch = await em.find(
        InboxMessage,
        { state, availableAt: { $lt: before } },
        { fields: ['id'], limit: PURGE_BATCH, orderBy: { availableAt: 'asc' } },
      );
      if (batch.length === 0) return purged;
      // The state again: a dead letter retried since the read is pending now and stays.
      purged += await em.nativeDelete(InboxMessage, {
        id: { $in: batch.map((row) => row.id) },
        state,
      });
      em.clear();
      if (batch.length < PURGE_BATCH) return purged;
    }
  }

  private purgeInBackground(): void {
    if (this.purging !== null) return;
    this.purging = this.purgeExpired()
      .then((purged) => {
        if (purged.done + purged.dead > 0) this.logger.log(purged, 'Deleted expired deliveries');
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Inbox purge failed'))
      .finally(() => (this.purging = null));
  }
}
