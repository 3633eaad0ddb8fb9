import { EntityManager, LockMode, RequestContext } from '@mikro-orm/core';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { parseWebhookEnvelope } from '@switchboard/host-contract';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { hostEvent, type HostEvent } from './host.events.js';
import { InboxMessage, PARK_REASONS } from './inbox-message.entity.js';

/** Rows claimed per round. */
const BATCH_SIZE = 50;
/** A claimed row is reclaimable after this long (its worker is presumed dead). */
const LEASE_MS = 2 * 60_000;
const MAX_RETRY_DELAY_MS = 10 * 60_000;
const MAX_ERROR_LENGTH = 2000;

/**
 * Processes the inbox in the background: claims due rows (oldest first), publishes each as
 * `host.<EventType>` with `emitAsync` (waiting for every listener, each run in its own MikroORM
 * context), then marks it done. A failing listener makes the row pending again with exponential
 * backoff; after INBOX_MAX_ATTEMPTS it becomes a dead letter (listed and retried through
 * `/api/inbox/dead-letters`).
 *
 * Claims: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so several instances share the inbox without
 * taking the same row; SQLite has no row locks, so there the single in-process worker is the only
 * claimer. Within a round, rows of one tenant are processed one after another in arrival order
 * and tenants in parallel. Order is best effort: a retried row is overtaken by later ones, and
 * with several instances two rows of a tenant can run at once, so listeners must not rely on
 * order (they re-read the host's state). Durable jobs in general are issue 5.
 */
@Injectable()
export class InboxProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InboxProcessor.name);
  private readonly postgres: boolean;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  private started = false;
  private stopping = false;

  constructor(
    private readonly em: EntityManager,
    private readonly events: EventEmitter2,
    @InjectEnv() env: Env,
  ) {
    this.postgres = databaseDialect(env) === 'postgresql';
    this.maxAttempts = env.INBOX_MAX_ATTEMPTS;
    this.retryBaseMs = env.INBOX_RETRY_BASE_MS;
    this.pollMs = env.INBOX_POLL_MS;
  }

  onApplicationBootstrap(): void {
    this.started = true;
    this.wake();
  }

  /** Stops claiming and waits for the round in progress, before the ORM closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Something became due (a new delivery, a retried dead letter): run a round now. */
  wake(): void {
    if (!this.started || this.stopping) return;
    if (this.running !== null) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain().finally(() => {
      this.running = null;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.stopping) return;
    if (this.wakeRequested) {
      this.wakeRequested = false;
      this.wake();
      return;
    }
    this.timer = setTimeout(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  /** Claims and processes rounds until nothing is due. */
  private async drain(): Promise<void> {
    try {
      for (;;) {
        if (this.stopping) return;
        this.wakeRequested = false;
        const rows = await this.claim();
        if (rows.length === 0) return;
        const byTenant = new Map<string, InboxMessage[]>();
        for (const row of rows) {
          const tenantId = row.tenant.id;
          byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), row]);
        }
        await Promise.all(
          [...byTenant.values()].map(async (tenantRows) => {
            for (const row of tenantRows) await this.process(row);
          }),
        );
      }
    } catch (error) {
      this.logger.error({ err: error }, 'Inbox processing round failed');
    }
  }

  private async claim(): Promise<InboxMessage[]> {
    const now = new Date();
    return this.em.fork().transactional(async (em) => {
      const rows = await em.find(
        InboxMessage,
        { state: { $in: ['pending', 'processing'] }, availableAt: { $lte: now } },
        {
          orderBy: { id: 'ASC' },
          limit: BATCH_SIZE,
          ...(this.postgres ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {}),
        },
      );
      const leaseEnd = new Date(now.getTime() + LEASE_MS);
      for (const row of rows) {
        row.state = 'processing';
        row.attempts += 1;
        row.availableAt = leaseEnd;
      }
      return rows;
    });
  }

  private async process(row: InboxMessage): Promise<void> {
    const parsed = parseWebhookEnvelope(row.payload);
    if (!parsed.success) {
      await this.finish(row, { state: 'dead', lastError: PARK_REASONS.invalidPayload });
      return;
    }
    const envelope = parsed.data;
    if (envelope.eventType === 'UNKNOWN') {
      await this.finish(row, { state: 'dead', lastError: PARK_REASONS.unknownEvent });
      return;
    }
    try {
      const event: HostEvent = { tenantId: row.tenant.id, envelope, inboxId: row.id };
      // Listeners that use the injected EntityManager get a context of their own.
      await RequestContext.create(this.em, () =>
        this.events.emitAsync(hostEvent(envelope.eventType), event),
      );
      await this.finish(row, { state: 'done', lastError: null, processedAt: new Date() });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(
        0,
        MAX_ERROR_LENGTH,
      );
      this.logger.warn(
        {
          inboxId: row.id,
          tenantId: row.tenant.id,
          eventType: row.eventType,
          attempt: row.attempts,
          err: error,
        },
        'Inbox message failed',
      );
      if (row.attempts >= this.maxAttempts) {
        await this.finish(row, { state: 'dead', lastError: message });
        return;
      }
      const delay = Math.min(this.retryBaseMs * 2 ** (row.attempts - 1), MAX_RETRY_DELAY_MS);
      await this.finish(row, {
        state: 'pending',
        lastError: message,
        availableAt: new Date(Date.now() + delay),
      });
    }
  }

  /** Writes the outcome only if the row is still ours (its lease was not taken over). */
  private async finish(
    row: InboxMessage,
    outcome: Partial<Pick<InboxMessage, 'state' | 'lastError' | 'availableAt' | 'processedAt'>>,
  ): Promise<void> {
    await this.em
      .fork()
      .nativeUpdate(
        InboxMessage,
        { id: row.id, state: 'processing', attempts: row.attempts },
        { availableAt: new Date(), ...outcome },
      );
  }
}
