import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { assertValidSchedule, dueSlot, InvalidScheduleError, nextSlot } from './cron-schedule.js';
import { JobStore } from './job-store.js';
import { JobsService } from './jobs.service.js';
import { RecurringJob } from './recurring-job.entity.js';

export interface RecurringJobDefinition {
  /** Unique per tenant; part of each slot's job key (`cron:<name>:<slot ISO>`). */
  name: string;
  tenantId: string | null;
  /** Five fields, or six with seconds first. */
  cron: string;
  /** IANA zone, e.g. Europe/Prague. */
  timeZone: string;
  kind: string;
  payload: unknown;
  maxAttempts?: number;
}

export interface RecurringJobView extends RecurringJobDefinition {
  nextSlotAt: Date;
  lastSlotAt: Date | null;
}

const NAME_PATTERN = /^[A-Za-z0-9][\w.-]{0,99}$/;
const TICK_NAME = 'jobs.cron-tick';
/** Definitions handled per tick; the rest wait for the next tick. */
const TICK_BATCH = 200;

export function cronJobKey(name: string, slot: Date): string {
  return `cron:${name}:${slot.toISOString()}`;
}

/**
 * Per-tenant (and system) cron schedules, stored in the database so every instance sees the same
 * ones. @nestjs/schedule ticks on every instance (JOBS_CRON_TICK_MS); a tick turns each due slot
 * into one job. Only one instance wins a slot: the compare-and-set that moves a definition's
 * `nextSlotAt` cursor succeeds for one of them, and the job it schedules in the same transaction
 * has the key `cron:<name>:<slot>`. Define on boot or on a settings change (idempotent: the same
 * schedule keeps its cursor), remove when the feature is turned off.
 */
@Injectable()
export class RecurringJobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RecurringJobsService.name);
  private ticking: Promise<unknown> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly store: JobStore,
    private readonly jobs: JobsService,
    private readonly scheduler: SchedulerRegistry,
    @InjectEnv() private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    const interval = setInterval(() => {
      if (this.ticking !== null) return;
      this.ticking = this.tick()
        .catch((error: unknown) => this.logger.error({ err: error }, 'Cron tick failed'))
        .finally(() => {
          this.ticking = null;
        });
    }, this.env.JOBS_CRON_TICK_MS);
    interval.unref();
    this.scheduler.addInterval(TICK_NAME, interval);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', TICK_NAME)) this.scheduler.deleteInterval(TICK_NAME);
    await this.ticking;
  }

  /**
   * Creates or updates a definition. Re-defining the same cron and zone keeps the cursor (no slot
   * is skipped or repeated); a new cron or zone starts from the next slot after now. Kind,
   * payload and maxAttempts changes apply to slots not yet turned into jobs.
   */
  async define(
    definition: RecurringJobDefinition,
  ): Promise<{ created: boolean; nextSlotAt: Date }> {
    if (!NAME_PATTERN.test(definition.name)) {
      throw new InvalidScheduleError(
        'name',
        `Recurring job name "${definition.name}" must match ${String(NAME_PATTERN)}`,
      );
    }
    assertValidSchedule(definition.cron, definition.timeZone);
    for (let round = 0; ; round++) {
      try {
        return await this.em.fork().transactional(async (em) => {
          const next = nextSlot(definition.cron, definition.timeZone, new Date());
          const existing = await em.findOne(RecurringJob, {
            tenantId: definition.tenantId,
            name: definition.name,
          });
          if (existing === null) {
            const created = Object.assign(new RecurringJob(), {
              tenantId: definition.tenantId,
              name: definition.name,
              cron: definition.cron,
              timeZone: definition.timeZone,
              kind: definition.kind,
              payload: definition.payload,
              maxAttempts: definition.maxAttempts ?? null,
              nextSlotAt: next,
            });
            em.persist(created);
            return { created: true, nextSlotAt: next };
          }
          if (existing.cron !== definition.cron || existing.timeZone !== definition.timeZone) {
            existing.nextSlotAt = next;
          }
          existing.cron = definition.cron;
          existing.timeZone = definition.timeZone;
          existing.kind = definition.kind;
          existing.payload = definition.payload;
          existing.maxAttempts = definition.maxAttempts ?? null;
          return { created: false, nextSlotAt: existing.nextSlotAt };
        });
      } catch (error) {
        // Another instance created the same definition at the same moment: update that one.
        if (!(error instanceof UniqueConstraintViolationException) || round > 0) throw error;
      }
    }
  }

  /** Deletes the definition and its slot jobs that have not started. false: there was none. */
  async remove(name: string, tenantId: string | null): Promise<boolean> {
    return this.em.fork().transactional(async (em) => {
      const deleted = await em.nativeDelete(RecurringJob, { tenantId, name });
      const prefix = `cron:${name}:`;
      await this.store.exec(
        `delete from "job" where coalesce("tenant_id", '') = ? and substr("key", 1, ?) = ? ` +
          `and "state" in ('scheduled', 'failed')`,
        [tenantId ?? '', prefix.length, prefix],
        em,
      );
      return deleted > 0;
    });
  }

  async list(tenantId: string | null): Promise<RecurringJobView[]> {
    const rows = await this.em
      .fork()
      .find(RecurringJob, { tenantId }, { orderBy: { name: 'ASC' } });
    return rows.map((row) => ({
      name: row.name,
      tenantId: row.tenantId,
      cron: row.cron,
      timeZone: row.timeZone,
      kind: row.kind,
      payload: row.payload,
      ...(row.maxAttempts === null ? {} : { maxAttempts: row.maxAttempts }),
      nextSlotAt: row.nextSlotAt,
      lastSlotAt: row.lastSlotAt,
    }));
  }

  /** Turns every due slot into a job; returns how many this instance won. Runs on each tick. */
  async tick(now: Date = new Date()): Promise<number> {
    const due = await this.em
      .fork()
      .find(
        RecurringJob,
        { nextSlotAt: { $lte: now } },
        { orderBy: { nextSlotAt: 'ASC' }, limit: TICK_BATCH },
      );
    let won = 0;
    for (const definition of due) {
      try {
        if (await this.materialise(definition, now)) won += 1;
      } catch (error) {
        this.logger.error(
          { err: error, name: definition.name, tenantId: definition.tenantId },
          'Could not turn a cron slot into a job',
        );
      }
    }
    return won;
  }

  private materialise(definition: RecurringJob, now: Date): Promise<boolean> {
    const { slot, next } = dueSlot(
      definition.cron,
      definition.timeZone,
      definition.nextSlotAt,
      now,
    );
    return this.em.fork().transactional(async (em) => {
      const moved = await this.store.query(
        `update "recurring_job" set "next_slot_at" = ?, "last_slot_at" = ? ` +
          `where "id" = ? and "next_slot_at" = ? returning "id"`,
        [
          this.store.ts(next),
          this.store.ts(slot),
          definition.id,
          this.store.ts(definition.nextSlotAt),
        ],
        em,
      );
      // Another instance moved the cursor first: the slot is its to schedule.
      if (moved.length === 0) return false;
      await this.jobs.schedule(
        {
          kind: definition.kind,
          tenantId: definition.tenantId,
          key: cronJobKey(definition.name, slot),
          dueAt: slot,
          payload: definition.payload,
          ...(definition.maxAttempts === null ? {} : { maxAttempts: definition.maxAttempts }),
        },
        em,
      );
      return true;
    });
  }
}
