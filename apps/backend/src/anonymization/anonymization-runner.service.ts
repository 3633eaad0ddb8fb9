import { EntityManager } from '@mikro-orm/core';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { systemActor } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/api-error.js';
import {
  TENANT_INSTALLED,
  type TenantInstalledEvent,
} from '../installation/installation.events.js';
import { Tenant } from '../installation/tenant.entity.js';
import { type JobContext, JobHandlerRegistry } from '../jobs/job-handler.registry.js';
import { JobsService } from '../jobs/jobs.service.js';
import { RecurringJobsService } from '../jobs/recurring-jobs.service.js';
import { SETTINGS_UPDATED, type SettingsUpdatedEvent } from '../settings/settings.events.js';
import { AnonymizationRuns } from './anonymization-runs.service.js';
import { BackfillService } from './backfill.service.js';
import { RunEngine } from './run-engine.service.js';
import { windowCron, windowDeadline } from './run-window.js';

export const RUN_JOB = 'anonymization.run';
export const BACKFILL_JOB = 'anonymization.backfill';
export const DAILY_JOB = 'anonymization.daily';
/** The tenant's recurring definition (one per tenant). */
export const DAILY_SCHEDULE = 'anonymization';

export const runJobKey = (runId: string): string => `anonymization-run:${runId}`;
export const backfillJobKey = (backfillId: string): string =>
  `anonymization-backfill:${backfillId}`;

/**
 * A crash counts as an attempt of the job that drives a run; the run itself resumes from its
 * items, so a run survives many restarts. Its lease is short, so a crashed instance's run is
 * picked up again soon (the worker renews it while the run goes on).
 */
const RUN_JOB_OPTIONS = { maxAttempts: 100, leaseMs: 20_000, backoffMs: 2_000 };
const TENANTS_PER_PAGE = 200;

/**
 * Runs and backfills are durable jobs: a run's job works on it until it is finished, and a crash
 * or a restart only moves the job to another attempt (on any instance), which continues where the
 * items stand. The daily run is a per-tenant cron in the rule's time zone at the window's start,
 * re-defined whenever the setting changes. At shutdown a job that is still working re-queues
 * itself at once rather than end as if finished.
 */
@Injectable()
export class AnonymizationRunner
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(AnonymizationRunner.name);
  private readonly shutdown = new AbortController();
  /** Per tenant, the schedule updates in the order the settings changed. */
  private readonly syncing = new Map<string, Promise<void>>();

  constructor(
    private readonly em: EntityManager,
    private readonly runs: AnonymizationRuns,
    private readonly engine: RunEngine,
    private readonly backfills: BackfillService,
    private readonly jobs: JobsService,
    private readonly recurring: RecurringJobsService,
    private readonly handlers: JobHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.handlers.register<{ runId: string }>(RUN_JOB, (job) => this.runJob(job), RUN_JOB_OPTIONS);
    this.handlers.register<{ backfillId: string }>(
      BACKFILL_JOB,
      (job) => this.backfillJob(job),
      RUN_JOB_OPTIONS,
    );
    this.handlers.register(DAILY_JOB, (job) => this.dailyJob(job), { maxAttempts: 10 });
  }

  onApplicationBootstrap(): void {
    void this.reconcileSchedules().catch((error: unknown) =>
      this.logger.error({ err: error }, 'anonymization schedules could not be reconciled'),
    );
  }

  beforeApplicationShutdown(): void {
    this.shutdown.abort();
  }

  /** Queues the job that works on a run (in the caller's transaction when `em` is given). */
  async queueRun(tenantId: string, runId: string, em?: EntityManager): Promise<void> {
    await this.jobs.schedule(
      { kind: RUN_JOB, tenantId, key: runJobKey(runId), payload: { runId } },
      em,
    );
  }

  async queueBackfill(tenantId: string, backfillId: string, em?: EntityManager): Promise<void> {
    await this.jobs.schedule(
      { kind: BACKFILL_JOB, tenantId, key: backfillJobKey(backfillId), payload: { backfillId } },
      em,
    );
  }

  private async runJob(job: JobContext<{ runId: string }>): Promise<void> {
    const status = await this.engine.drive(job.payload.runId, this.shutdown.signal);
    if (status === 'running') await this.requeue(job);
  }

  private async backfillJob(job: JobContext<{ backfillId: string }>): Promise<void> {
    await this.backfills.drive(job.payload.backfillId, this.shutdown.signal);
    const row = await this.backfills.find(job.payload.backfillId);
    if (row?.status === 'running') await this.requeue(job);
  }

  /** Interrupted by the shutdown: the job runs again (on a live instance) instead of ending. */
  private async requeue(job: JobContext): Promise<void> {
    if (job.key === null) return;
    await this.jobs.schedule({
      kind: job.kind,
      tenantId: job.tenantId,
      key: job.key,
      payload: job.payload,
      replace: true,
    });
  }

  /** The cron slot at the window's start: a run of the saved rule until the window closes. */
  private async dailyJob(job: JobContext): Promise<void> {
    const tenantId = job.tenantId;
    if (tenantId === null) return;
    const rule = await this.runs.savedRule(tenantId);
    if (rule === null) return;
    const slot = job.dueAt;
    try {
      await this.runs.start({
        tenantId,
        trigger: 'schedule',
        actor: systemActor,
        slot: slot.toISOString(),
        deadline: windowDeadline(slot, rule.window, rule.timeZone),
        queue: (runId, em) => this.queueRun(tenantId, runId, em),
      });
    } catch (error) {
      // A run started by hand is still going: it covers what this slot would select.
      if (error instanceof ApiError && error.code === 'run_in_progress') {
        this.logger.log({ tenantId, slot }, 'daily anonymization slot skipped: a run is running');
        return;
      }
      throw error;
    }
  }

  /**
   * Defines or removes the tenant's daily schedule to match its saved rule. Updates of one tenant
   * run one after another, each reading the rule afresh, so the last one leaves the current rule.
   */
  syncSchedule(tenantId: string): Promise<void> {
    const previous = this.syncing.get(tenantId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.writeSchedule(tenantId));
    this.syncing.set(tenantId, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.syncing.get(tenantId) === next) this.syncing.delete(tenantId);
      });
    return next;
  }

  private async writeSchedule(tenantId: string): Promise<void> {
    const rule = await this.runs.savedRule(tenantId);
    if (rule === null) {
      await this.recurring.remove(DAILY_SCHEDULE, tenantId);
      return;
    }
    await this.recurring.define({
      name: DAILY_SCHEDULE,
      tenantId,
      cron: windowCron(rule.window),
      timeZone: rule.timeZone,
      kind: DAILY_JOB,
      payload: {},
    });
  }

  @OnEvent(SETTINGS_UPDATED)
  async onSettingsUpdated(event: SettingsUpdatedEvent): Promise<void> {
    const touched = event.changes.some((change) => change.key === 'general.autoAnonymization');
    if (!touched) return;
    try {
      await this.syncSchedule(event.tenantId);
    } catch (error) {
      // The boot reconciliation repairs a schedule this could not write.
      this.logger.error(
        { err: error, tenantId: event.tenantId },
        'anonymization schedule not updated',
      );
    }
  }

  /** Every tenant's schedule as its saved rule says (a missed settings event is repaired here). */
  private async reconcileSchedules(): Promise<void> {
    for (let offset = 0; ; offset += TENANTS_PER_PAGE) {
      const tenants = await this.em
        .fork()
        .find(
          Tenant,
          {},
          { fields: ['id'], orderBy: { id: 'ASC' }, offset, limit: TENANTS_PER_PAGE },
        );
      for (const tenant of tenants) {
        if (this.shutdown.signal.aborted) return;
        await this.syncSchedule(tenant.id);
      }
      if (tenants.length < TENANTS_PER_PAGE) return;
    }
  }

  /** A new installation: the host's history of ended sessions goes into the index. */
  @OnEvent(TENANT_INSTALLED)
  async onInstalled(event: TenantInstalledEvent): Promise<void> {
    if (!event.created) return;
    try {
      await this.backfills.start({
        tenantId: event.tenantId,
        trigger: 'install',
        actor: systemActor,
        queue: (backfillId, em) => this.queueBackfill(event.tenantId, backfillId, em),
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'backfill_in_progress') return;
      this.logger.warn({ err: error, tenantId: event.tenantId }, 'install backfill not started');
    }
  }
}
