import { randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { hasCapability } from '@switchboard/host-contract';
import { type AuditActor, AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { InstallationService } from '../installation/installation.service.js';
import { Tenant } from '../installation/tenant.entity.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { type AnonymizationRule, cutoffFor, ruleOf } from './anonymization-rule.js';
import { AnonymizationRun, type RunTrigger } from './anonymization-run.entity.js';
import { RunEngine } from './run-engine.service.js';
import { SqlDialect } from './sql-dialect.js';

export interface StartRunInput {
  tenantId: string;
  trigger: RunTrigger;
  actor: AuditActor;
  /** The scheduled occurrence (a repeated trigger of one slot finds its run). */
  slot?: string;
  /** The window's end for a scheduled run. */
  deadline?: Date | null;
  now?: Date;
  /** Queues the work on the new run, in the transaction that records it. */
  queue: (runId: string, em: EntityManager) => Promise<void>;
}

export interface RunProgress {
  counts: Record<string, number>;
  processed: number;
}

/**
 * Where a run's sessions come from: the index rows of the tenant not yet anonymized, still on
 * the host, ended before the cutoff, in the rule's channels, and in its packages (or not yet
 * known: the host's record decides). Legal holds are not judged here but on the host's current
 * record right before erasing, so a hold placed after the selection still counts.
 */
export function selectionSql(
  sql: SqlDialect,
  rule: AnonymizationRule,
): { where: string; params: unknown[] } {
  const clauses = [
    'tenant_id = ?',
    'anonymized_at is null',
    'missing_since is null',
    'ended_at < ?',
  ];
  const params: unknown[] = [];
  if (rule.channels !== undefined) {
    clauses.push(`channel in (${sql.list(rule.channels.length)})`);
    params.push(...rule.channels);
  }
  if (rule.packageIds !== undefined) {
    clauses.push(`(details_known = ? or package_id in (${sql.list(rule.packageIds.length)}))`);
    params.push(sql.bool(false), ...rule.packageIds);
  }
  return { where: clauses.join(' and '), params };
}

/** Starting, cancelling and reading anonymization runs. */
@Injectable()
export class AnonymizationRuns {
  private readonly sql: SqlDialect;

  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsCacheService,
    private readonly installation: InstallationService,
    private readonly audit: AuditService,
    private readonly engine: RunEngine,
    @InjectEnv() env: Env,
  ) {
    this.sql = new SqlDialect(databaseDialect(env) === 'postgresql');
  }

  async savedRule(tenantId: string): Promise<AnonymizationRule | null> {
    const effective = await this.settings.effective(tenantId, null);
    return ruleOf(effective.body.values['general.autoAnonymization']);
  }

  /**
   * Starts a run with the tenant's saved rule: selects the due sessions from the index and
   * records the run. 409 `anonymization_off` without a rule, `run_in_progress` while another run
   * of the tenant is running. A scheduled slot that already has its run answers that run.
   */
  async start(input: StartRunInput): Promise<{ run: AnonymizationRun; created: boolean }> {
    const rule = await this.savedRule(input.tenantId);
    if (rule === null) {
      throw new ApiError({
        status: 409,
        code: 'anonymization_off',
        messageKey: 'anonymization.off',
      });
    }
    const tenant = await this.installation.requireTenant(input.tenantId);
    if (input.slot !== undefined) {
      const existing = await this.em
        .fork()
        .findOne(AnonymizationRun, { tenant: input.tenantId, slot: input.slot });
      if (existing !== null) return { run: existing, created: false };
    }
    const now = input.now ?? new Date();
    const run = new AnonymizationRun();
    run.id = randomUUID();
    run.trigger = input.trigger;
    run.slot = input.slot ?? null;
    run.requestedBy = input.trigger === 'manual' ? input.actor.id : null;
    run.rule = rule;
    run.cutoff = cutoffFor(rule, now);
    run.deadline = input.deadline ?? null;
    run.mode = hasCapability(tenant.capabilities, 'anonymizeByCategory')
      ? 'categories'
      : 'whole_session';
    run.activeKey = tenant.id;
    run.createdAt = now;
    try {
      await this.em.fork().transactional(async (em) => {
        run.tenant = em.getReference(Tenant, tenant.id);
        em.persist(run);
        await em.flush();
        const selection = selectionSql(this.sql, rule);
        run.total = await this.sql.run(
          em,
          `insert into anonymization_run_item
             (run_id, tenant_id, session_id, seq, status, attempts, available_at)
           select ?, tenant_id, session_id, row_number() over (order by ended_at, id), 'pending', 0, ?
             from anonymization_ended_session where ${selection.where}`,
          [run.id, this.sql.time(now), tenant.id, this.sql.time(run.cutoff), ...selection.params],
        );
        await this.sql.run(em, 'update anonymization_run set total = ? where id = ?', [
          run.total,
          run.id,
        ]);
        await this.audit.record(
          {
            tenantId: tenant.id,
            actor: input.actor,
            action: 'anonymization.run_started',
            target: { type: 'anonymization_run', id: run.id },
            details: {
              trigger: run.trigger,
              mode: run.mode,
              rule,
              cutoff: run.cutoff.toISOString(),
              deadline: run.deadline?.toISOString() ?? null,
              selected: run.total,
            },
          },
          em,
        );
        await input.queue(run.id, em);
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      if (input.slot !== undefined) {
        const existing = await this.em
          .fork()
          .findOne(AnonymizationRun, { tenant: input.tenantId, slot: input.slot });
        if (existing !== null) return { run: existing, created: false };
      }
      const active = await this.em
        .fork()
        .findOne(AnonymizationRun, { tenant: input.tenantId, status: 'running' });
      throw new ApiError({
        status: 409,
        code: 'run_in_progress',
        messageKey: 'anonymization.run_in_progress',
        details: { runId: active?.id ?? null },
      });
    }
    return { run, created: true };
  }

  /** Stops a running run; the sessions it did not reach wait for the next run. */
  async cancel(tenantId: string, runId: string, actor: AuditActor): Promise<AnonymizationRun> {
    const run = await this.require(tenantId, runId);
    if (run.status !== 'running') {
      throw new ApiError({
        status: 409,
        code: 'run_not_running',
        messageKey: 'anonymization.run_not_running',
        params: { status: run.status },
      });
    }
    await this.engine.end(runId, tenantId, 'cancelled', 'cancelled', actor);
    return this.require(tenantId, runId);
  }

  /** The tenant's run, or 404 (another tenant's run is not found either). */
  async require(tenantId: string, runId: string): Promise<AnonymizationRun> {
    const run = await this.em.fork().findOne(AnonymizationRun, { id: runId, tenant: tenantId });
    if (run === null) throw ApiError.notFound();
    return run;
  }

  /** Live counts while running; the counts recorded at the end afterwards. */
  async progress(run: AnonymizationRun): Promise<RunProgress> {
    const counts =
      run.status === 'running' || run.counts === null
        ? await this.engine.counts(run.id)
        : run.counts;
    const processed = (counts['done'] ?? 0) + (counts['failed'] ?? 0) + (counts['skipped'] ?? 0);
    return { counts, processed };
  }
}
