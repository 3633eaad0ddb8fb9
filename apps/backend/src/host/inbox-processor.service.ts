import { EntityManager, RequestContext } from '@mikro-orm/core';
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

/** Rows claimed per round: one claim statement and one finishing statement serve them all. */
const BATCH_SIZE = 100;
/** A claimed row is reclaimable after this long (its worker is presumed dead). */
const LEASE_MS = 2 * 60_000;
const MAX_RETRY_DELAY_MS = 10 * 60_000;
const MAX_ERROR_LENGTH = 2000;

/** What processing needs of a claimed row. */
interface ClaimedRow {
  id: number;
  tenantId: string;
  eventType: string;
  payload: unknown;
  /** Attempts including this one; with the state, proves the row is still ours when finishing. */
  attempts: number;
}

type Outcome = Partial<Pick<InboxMessage, 'state' | 'lastError' | 'availableAt' | 'processedAt'>>;

/**
 * Processes the inbox in the background: claims due rows (oldest first), publishes each as
 * `host.<EventType>` with `emitAsync` (waiting for every listener, each run in its own MikroORM
 * context), then marks it done. A failing listener makes the row pending again with exponential
 * backoff; after INBOX_MAX_ATTEMPTS it becomes a dead letter (listed and retried through
 * `/api/inbox/dead-letters`).
 *
 * Claims: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so several instances share the inbox without
 * taking the same row; SQLite has no row locks, so there the single in-process worker is the only
 * claimer. A round costs two statements however many rows it holds: the claim is a single
 * `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING`, and the rows that succeeded are marked
 * done together at the end of the round (a crash before that repeats them: at least once).
 * Within a round, rows of one tenant are processed one after another in arrival order
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
  private readonly enabled: boolean;
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
    this.enabled = env.INBOX_WORKER;
  }

  onApplicationBootstrap(): void {
    // An ingest-only instance stores deliveries; instances with the worker on process them.
    if (!this.enabled) return;
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
        const byTenant = new Map<string, ClaimedRow[]>();
        for (const row of rows) {
          const tenantRows = byTenant.get(row.tenantId);
          if (tenantRows === undefined) byTenant.set(row.tenantId, [row]);
          else tenantRows.push(row);
        }
        const done: ClaimedRow[] = [];
        await Promise.all(
          [...byTenant.values()].map(async (tenantRows) => {
            for (const row of tenantRows) {
              if (await this.process(row)) done.push(row);
            }
          }),
        );
        await this.finishDone(done);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'Inbox processing round failed');
    }
  }

  /** Takes up to BATCH_SIZE due rows (pending, or processing with an expired lease) in one statement. */
  private async claim(): Promise<ClaimedRow[]> {
    const now = new Date();
    const leaseEnd = new Date(now.getTime() + LEASE_MS);
    // Dates are bound as the ORM stores them: timestamptz on PostgreSQL, epoch ms on SQLite.
    const time = (date: Date): Date | number => (this.postgres ? date : date.getTime());
    const lock = this.postgres ? ' for update skip locked' : '';
    const rows = (await this.em.getConnection().execute(
      `update inbox set state = 'processing', attempts = attempts + 1, available_at = ?
        where id in (select id from inbox
                      where state in ('pending', 'processing') and available_at <= ?
                      order by id limit ?${lock})
        returning id, tenant_id, event_type, payload, attempts`,
      [time(leaseEnd), time(now), BATCH_SIZE],
      'all',
    )) as Record<string, unknown>[];
    return rows
      .map((row) => ({
        id: Number(row['id']),
        tenantId: String(row['tenant_id']),
        eventType: String(row['event_type']),
        // SQLite hands JSON columns back as text.
        payload:
          typeof row['payload'] === 'string'
            ? (JSON.parse(row['payload']) as unknown)
            : row['payload'],
        attempts: Number(row['attempts']),
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Publishes one row; true when every listener succeeded (the caller marks it done). */
  private async process(row: ClaimedRow): Promise<boolean> {
    const parsed = parseWebhookEnvelope(row.payload);
    if (!parsed.success) {
      await this.finish(row, { state: 'dead', lastError: PARK_REASONS.invalidPayload });
      return false;
    }
    const envelope = parsed.data;
    if (envelope.eventType === 'UNKNOWN') {
      await this.finish(row, { state: 'dead', lastError: PARK_REASONS.unknownEvent });
      return false;
    }
    try {
      const event: HostEvent = { tenantId: row.tenantId, envelope, inboxId: row.id };
      // Listeners that use the injected EntityManager get a context of their own.
      await RequestContext.create(this.em, () =>
        this.events.emitAsync(hostEvent(envelope.eventType), event),
      );
      return true;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(
        0,
        MAX_ERROR_LENGTH,
      );
      this.logger.warn(
        {
          inboxId: row.id,
          tenantId: row.tenantId,
          eventType: row.eventType,
          attempt: row.attempts,
          err: error,
        },
        'Inbox message failed',
      );
      if (row.attempts >= this.maxAttempts) {
        await this.finish(row, { state: 'dead', lastError: message });
        return false;
      }
      const delay = Math.min(this.retryBaseMs * 2 ** (row.attempts - 1), MAX_RETRY_DELAY_MS);
      await this.finish(row, {
        state: 'pending',
        lastError: message,
        availableAt: new Date(Date.now() + delay),
      });
      return false;
    }
  }

  /** Marks a round's successes done: one statement per attempt count (almost always one). */
  private async finishDone(rows: readonly ClaimedRow[]): Promise<void> {
    const idsByAttempts = new Map<number, number[]>();
    for (const row of rows) {
      const ids = idsByAttempts.get(row.attempts);
      if (ids === undefined) idsByAttempts.set(row.attempts, [row.id]);
      else ids.push(row.id);
    }
    const now = new Date();
    const em = this.em.fork();
    for (const [attempts, ids] of idsByAttempts) {
      // Only rows still ours: a row whose lease expired and was claimed again has more attempts.
      await em.nativeUpdate(
        InboxMessage,
        { id: { $in: ids }, state: 'processing', attempts },
        { state: 'done', lastError: null, processedAt: now, availableAt: now },
      );
    }
  }

  /** Writes one row's failure outcome only if the row is still ours (its lease was not taken over). */
  private async finish(row: ClaimedRow, outcome: Outcome): Promise<void> {
    await this.em
      .fork()
      .nativeUpdate(
        InboxMessage,
        { id: row.id, state: 'processing', attempts: row.attempts },
        { availableAt: new Date(), ...outcome },
      );
  }
}
