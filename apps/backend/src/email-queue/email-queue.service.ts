import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { EmailThreadModel } from '@switchboard/host-contract';
import { InjectEnv } from '../config/config.module.js';
import { type DatabaseDialect, type Env, databaseDialect } from '../config/env.js';
import { RawSql, runIn } from '../package-status/raw-sql.js';
import { rowInt, rowTime, sqlTime } from '../package-status/sql-rows.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import type { QueueThreadState } from './email-queue-thread.entity.js';

/** How long a claimed thread waits for the host to assign it before it is offered again. */
/** Expired claims returned to the queue per claim. */
const REQUEUE_BATCH = 100;

export type QueueOrder = 'newest' | 'oldest';

export interface QueuedThreadView {
  threadId: string;
  receivedAt: string;
  state: Extract<QueueThreadState, 'queued' | 'claimed'>;
  claimedBy: number | null;
  claimedUntil: string | null;
}

/** ORDER BY of the queue: received time, then thread id, newest or oldest first. */
function orderBy(order: QueueOrder): string {
  const direction = order === 'newest' ? 'desc' : 'asc';
  return `received_at ${direction}, thread_id ${direction}`;
}

/**
 * Setting 15: the tenant's queue of e-mail threads, in the order the setting says, and the atomic
 * claim behind the next-e-mail hook.
 *
 * A claim is one statement that takes the first queued thread in order and marks it claimed:
 * on PostgreSQL the inner select locks it `FOR UPDATE SKIP LOCKED`, so concurrent claimers on any
 * number of instances each take a different thread without waiting on each other; on SQLite the
 * single writer serialises the `UPDATE … RETURNING`. A claim expires at query time: before each
 * claim, threads whose claim ran out (the host never assigned them: the operator did not take it
 * up, or the host gave up on the hook and used its own order) go back to `queued` in the same
 * indexed way. No timer has to fire, so nothing is lost across restarts or instances.
 */
@Injectable()
export class EmailQueueService {
  private readonly dialect: DatabaseDialect;
  private readonly postgres: boolean;
  private readonly raw: RawSql;
  /** How long a claim waits for the operator to take the thread up before it is queued again. */
  private readonly claimTtlMs: number;

  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsCacheService,
    @InjectEnv() env: Env,
  ) {
    this.dialect = databaseDialect(env);
    this.claimTtlMs = env.EMAIL_CLAIM_TTL_MS;
    this.postgres = this.dialect === 'postgresql';
    this.raw = new RawSql(em, this.dialect);
  }

  private time(date: Date): Date | number {
    return sqlTime(this.dialect, date);
  }

  /** One statement on its own: the pooled driver connection on PostgreSQL, else the ORM's. */
  private async run(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return this.raw.available ? this.raw.query(sql, params) : runIn(this.em.fork())(sql, params);
  }

  async order(tenantId: string): Promise<QueueOrder> {
    const { values } = (await this.settings.effective(tenantId, null)).body;
    return values['email.queueOrder'];
  }

  // ---- host events ---------------------------------------------------------------------------

  /** EmailThreadCreated: the thread joins the queue (a repeat, or a thread known already, does not). */
  async threadCreated(tenantId: string, threadId: string, created: Date): Promise<void> {
    const at = this.time(created);
    await this.run(
      `insert into email_queue_thread (tenant_id, thread_id, state, received_at, claims, state_changed_at)
       values (?, ?, 'queued', ?, 0, ?) on conflict (tenant_id, thread_id) do nothing`,
      [tenantId, threadId, at, at],
    );
  }

  /**
   * The host says where the thread is now: `queued` when it is waiting in the host's queue,
   * `assigned` (to `userId`, or to nobody when it is closed) otherwise. Applied only when `time`
   * is not older than the last state applied, so late deliveries cannot undo newer ones.
   */
  async threadMoved(
    tenantId: string,
    threadId: string,
    state: 'queued' | 'assigned',
    userId: number | null,
    time: Date,
  ): Promise<void> {
    const at = this.time(time);
    await this.run(
      `insert into email_queue_thread
         (tenant_id, thread_id, state, received_at, assigned_to, claims, state_changed_at)
       values (?, ?, ?, ?, ?, 0, ?)
       on conflict (tenant_id, thread_id) do update
         set state = excluded.state, assigned_to = excluded.assigned_to,
             claimed_by = null, claimed_at = null, claimed_until = null,
             state_changed_at = excluded.state_changed_at
       where email_queue_thread.state_changed_at <= excluded.state_changed_at`,
      [tenantId, threadId, state, at, state === 'assigned' ? userId : null, at],
    );
  }

  /**
   * The host refused an assignment because `userId` holds the thread: it is out of the queue.
   * Known by our clock only, so the host's time of the last state stays (a later host event
   * still applies even if the clocks disagree).
   */
  async markHeld(tenantId: string, threadId: string, userId: number): Promise<void> {
    await this.run(
      `update email_queue_thread
          set state = 'assigned', assigned_to = ?, claimed_by = null, claimed_at = null, claimed_until = null
        where tenant_id = ? and thread_id = ?`,
      [userId, tenantId, threadId],
    );
  }

  /** Where the host's thread model says the thread is (InQueue → queued). */
  static placeOf(thread: EmailThreadModel): {
    state: 'queued' | 'assigned';
    userId: number | null;
  } {
    const holder = thread.operators?.find((o) => o.unassigned == null) ?? null;
    if (thread.state === 'InQueue' && holder === null) return { state: 'queued', userId: null };
    return { state: 'assigned', userId: holder?.userId ?? null };
  }

  // ---- claims ----------------------------------------------------------------------------------

  /**
   * Claims expired before `now` go back to the queue; a row another claimer holds is skipped.
   * Ordered by expiry so the (tenant, state, claimed_until) index answers it without reading the
   * live claims; a batch at a time (the next claim takes the rest).
   */
  private async requeueExpired(tenantId: string, now: Date): Promise<void> {
    await this.run(
      `update email_queue_thread set state = 'queued', claimed_by = null, claimed_until = null
        where id in (select id from email_queue_thread
                      where tenant_id = ? and state = 'claimed' and claimed_until < ?
                      order by claimed_until limit ${REQUEUE_BATCH}
                      ${this.postgres ? 'for update skip locked' : ''})`,
      [tenantId, this.time(now)],
    );
  }

  /**
   * Claims the first queued thread in the tenant's current order for the operator; null when the
   * queue is empty. Two claimers never get the same thread.
   */
  async claimNext(
    tenantId: string,
    operatorUserId: number,
    options: { order?: QueueOrder; now?: Date } = {},
  ): Promise<string | null> {
    const now = options.now ?? new Date();
    const order = options.order ?? (await this.order(tenantId));
    await this.requeueExpired(tenantId, now);
    const [row] = await this.run(
      `update email_queue_thread
          set state = 'claimed', claimed_by = ?, claimed_at = ?, claimed_until = ?,
              claims = claims + 1
        where id = (select id from email_queue_thread
                     where tenant_id = ? and state = 'queued'
                     order by ${orderBy(order)} limit 1
                     ${this.postgres ? 'for update skip locked' : ''})
        returning thread_id`,
      [
        operatorUserId,
        this.time(now),
        this.time(new Date(now.getTime() + this.claimTtlMs)),
        tenantId,
      ],
    );
    return row === undefined ? null : String(row['thread_id']);
  }

  /** Gives a claim back at once (its assignment on the host failed). */
  async release(tenantId: string, threadId: string, operatorUserId: number): Promise<void> {
    await this.run(
      `update email_queue_thread set state = 'queued', claimed_by = null, claimed_until = null
        where tenant_id = ? and thread_id = ? and state = 'claimed' and claimed_by = ?`,
      [tenantId, threadId, operatorUserId],
    );
  }

  // ---- the queue as people see it ---------------------------------------------------------------

  /**
   * One page of the queue in the tenant's order (`reverse`: from the end): waiting threads and
   * those claimed but not yet assigned (an expired claim shows as waiting).
   */
  async list(
    tenantId: string,
    range: { offset: number; limit: number },
    reverse = false,
  ): Promise<{ rows: QueuedThreadView[]; total: number; order: QueueOrder }> {
    const order = await this.order(tenantId);
    const now = new Date();
    const listed: QueueOrder = reverse ? (order === 'newest' ? 'oldest' : 'newest') : order;
    // One ordered index scan per state, each bounded by the page's end, merged: never a sort of
    // the whole queue.
    const end = range.offset + range.limit;
    const part = (state: string): string =>
      `select * from (select thread_id, received_at, state, claimed_by, claimed_until
                        from email_queue_thread where tenant_id = ? and state = '${state}'
                       order by ${orderBy(listed)} limit ${end}) ${state}_part`;
    const rows = await this.run(
      `select * from (${part('queued')} union all ${part('claimed')}) page
        order by ${orderBy(listed)} limit ? offset ?`,
      [tenantId, tenantId, range.limit, range.offset],
    );
    const [count] = await this.run(
      `select count(*) as n from email_queue_thread where tenant_id = ? and state in ('queued', 'claimed')`,
      [tenantId],
    );
    return {
      order,
      total: rowInt(count?.['n'] ?? 0),
      rows: rows.map((row) => {
        const until = rowTime(row['claimed_until']);
        const live = row['state'] === 'claimed' && until !== null && until > now;
        return {
          threadId: String(row['thread_id']),
          receivedAt: (rowTime(row['received_at']) ?? now).toISOString(),
          state: live ? 'claimed' : 'queued',
          claimedBy: live ? rowInt(row['claimed_by']) : null,
          claimedUntil: live ? until.toISOString() : null,
        };
      }),
    };
  }
}
