import { randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { type AuditActor, AuditService, systemActor } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { Tenant } from '../installation/tenant.entity.js';
import { pause } from './concurrency.js';
import { Backfill } from './backfill.entity.js';
import { EndedSessionIndex } from './ended-session-index.service.js';
import { describeError, factsOf, isRetryable } from './host-sessions.js';

/** Sessions per page of the host's list (its maximum is 1000). */
export const BACKFILL_PAGE_SIZE = 500;
/** Tries at one page before the backfill is recorded as failed. */
const MAX_PAGE_ATTEMPTS = 6;

export interface StartBackfillInput {
  tenantId: string;
  trigger: 'install' | 'manual';
  actor: AuditActor;
  endedAfter?: Date | null;
  endedBefore?: Date | null;
  /** Queues the walk, in the transaction that records the backfill. */
  queue: (backfillId: string, em: EntityManager) => Promise<void>;
}

/**
 * Fills the ended-session index from the host's session list: the history from before the plugin
 * was installed, or a range an admin asks for. It walks sessions that ended in the range, page by
 * page with limit and offset over a fixed upper bound (sessions ending later come through
 * SessionEnded, so the walked set does not grow under it), committing the next offset with each
 * page: after a crash the walk continues where it stopped, and a repeated page is a no-op upsert.
 */
@Injectable()
export class BackfillService {
  private readonly logger = new Logger(BackfillService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly clients: HostApiClientFactory,
    private readonly index: EndedSessionIndex,
    private readonly audit: AuditService,
  ) {}

  /** Records a new backfill; 409 `backfill_in_progress` while the tenant has one running. */
  async start(input: StartBackfillInput): Promise<Backfill> {
    const backfill = new Backfill();
    backfill.id = randomUUID();
    backfill.trigger = input.trigger;
    backfill.activeKey = input.tenantId;
    backfill.endedAfter = input.endedAfter ?? null;
    backfill.endedBefore = input.endedBefore ?? new Date();
    try {
      await this.em.fork().transactional(async (em) => {
        backfill.tenant = em.getReference(Tenant, input.tenantId);
        em.persist(backfill);
        await this.audit.record(
          {
            tenantId: input.tenantId,
            actor: input.actor,
            action: 'anonymization.backfill_started',
            target: { type: 'anonymization_backfill', id: backfill.id },
            details: {
              trigger: input.trigger,
              endedAfter: backfill.endedAfter?.toISOString() ?? null,
              endedBefore: backfill.endedBefore.toISOString(),
            },
          },
          em,
        );
        await em.flush();
        await input.queue(backfill.id, em);
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const running = await this.em
        .fork()
        .findOne(Backfill, { tenant: input.tenantId, status: 'running' });
      throw new ApiError({
        status: 409,
        code: 'backfill_in_progress',
        messageKey: 'anonymization.backfill_in_progress',
        details: { backfillId: running?.id ?? null },
      });
    }
    return backfill;
  }

  /** Walks the remaining pages of a running backfill until it completes, fails or `signal` aborts. */
  async drive(backfillId: string, signal: AbortSignal): Promise<void> {
    let attempts = 0;
    for (;;) {
      if (signal.aborted) return;
      const backfill = await this.em.fork().findOne(Backfill, { id: backfillId });
      if (backfill === null || backfill.status !== 'running') return;
      const tenantId = backfill.tenant.id;
      try {
        const client = await this.clients.forTenant(tenantId);
        const page = await client.listSessions({
          ended: {
            null: false,
            ...(backfill.endedAfter === null ? {} : { min: backfill.endedAfter }),
            max: backfill.endedBefore,
          },
          limit: BACKFILL_PAGE_SIZE,
          offset: backfill.nextOffset,
        });
        const last = page.length < BACKFILL_PAGE_SIZE;
        await this.em.fork().transactional(async (em) => {
          await this.index.recordFromHost(tenantId, page.map(factsOf), 'backfill', em);
          const row = await em.findOneOrFail(Backfill, { id: backfillId });
          row.nextOffset += page.length;
          row.pages += 1;
          row.sessionsSeen += page.length;
          row.updatedAt = new Date();
          if (last) await this.close(row, 'completed', null, em);
        });
        attempts = 0;
        if (last) return;
      } catch (error) {
        attempts += 1;
        const message = describeError(error);
        if (!isRetryable(error) || attempts >= MAX_PAGE_ATTEMPTS) {
          this.logger.warn({ backfillId, tenantId, error: message }, 'backfill failed');
          await this.em.fork().transactional(async (em) => {
            await this.close(
              await em.findOneOrFail(Backfill, { id: backfillId }),
              'failed',
              message,
              em,
            );
          });
          return;
        }
        await pause(Math.min(60_000, 1_000 * 2 ** attempts), signal);
      }
    }
  }

  private async close(
    row: Backfill,
    status: 'completed' | 'failed',
    error: string | null,
    em: EntityManager,
  ): Promise<void> {
    row.status = status;
    row.activeKey = null;
    row.error = error;
    row.finishedAt = new Date();
    await this.audit.record(
      {
        tenantId: row.tenant.id,
        actor: systemActor,
        action: 'anonymization.backfill_finished',
        target: { type: 'anonymization_backfill', id: row.id },
        outcome: status === 'completed' ? 'success' : 'failed',
        details: { pages: row.pages, sessionsSeen: row.sessionsSeen, error },
      },
      em,
    );
  }

  async require(tenantId: string, backfillId: string): Promise<Backfill> {
    const row = await this.em.fork().findOne(Backfill, { id: backfillId, tenant: tenantId });
    if (row === null) throw ApiError.notFound();
    return row;
  }

  async latest(tenantId: string, limit: number): Promise<Backfill[]> {
    return this.em
      .fork()
      .find(Backfill, { tenant: tenantId }, { orderBy: { startedAt: 'DESC' }, limit });
  }

  find(backfillId: string): Promise<Backfill | null> {
    return this.em.fork().findOne(Backfill, { id: backfillId });
  }
}
