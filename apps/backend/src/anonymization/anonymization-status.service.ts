import { EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { ListQuery } from '../common/rest/list-query.js';
import { AnonymizationRun } from './anonymization-run.entity.js';
import { AnonymizationRuns } from './anonymization-runs.service.js';
import type { RunFilter, RunView, StatusView } from './anonymization.schemas.js';
import { backfillView, runView } from './anonymization-views.js';
import { BackfillService } from './backfill.service.js';
import { EndedSessionIndex } from './ended-session-index.service.js';

/** Read models for the panel: runs with progress, the index, the overview. */
@Injectable()
export class AnonymizationStatus {
  constructor(
    private readonly em: EntityManager,
    private readonly runService: AnonymizationRuns,
    private readonly endedIndex: EndedSessionIndex,
    private readonly backfills: BackfillService,
  ) {}

  async run(tenantId: string, runId: string): Promise<RunView> {
    const run = await this.runService.require(tenantId, runId);
    return runView(run, await this.runService.progress(run));
  }

  async listRuns(
    tenantId: string,
    query: ListQuery<RunFilter>,
  ): Promise<{ rows: RunView[]; total: number }> {
    const where: FilterQuery<AnonymizationRun> = { tenant: tenantId };
    if (query.filter.id !== undefined) where.id = { $in: query.filter.id };
    if (query.filter.status !== undefined) where.status = query.filter.status;
    if (query.filter.trigger !== undefined) where.trigger = query.filter.trigger;
    const orderBy: QueryOrderMap<AnonymizationRun>[] = [
      { [query.sort.field]: query.sort.order },
      { id: 'ASC' },
    ];
    const [rows, total] = await this.em.fork().findAndCount(AnonymizationRun, where, {
      orderBy,
      offset: query.range.offset,
      limit: query.range.limit,
    });
    const views = await Promise.all(
      rows.map(async (run) => runView(run, await this.runService.progress(run))),
    );
    return { rows: views, total };
  }

  async indexStats(tenantId: string): Promise<StatusView['index']> {
    const stats = await this.endedIndex.stats(tenantId);
    return { ...stats, oldestEndedAt: stats.oldestEndedAt?.toISOString() ?? null };
  }

  async overview(tenantId: string): Promise<StatusView> {
    const em = this.em.fork();
    const [active, last] = await Promise.all([
      em.findOne(AnonymizationRun, { tenant: tenantId, status: 'running' }),
      em.findOne(
        AnonymizationRun,
        { tenant: tenantId, status: { $ne: 'running' } },
        { orderBy: { createdAt: 'DESC' } },
      ),
    ]);
    const rule = await this.runService.savedRule(tenantId);
    return {
      rule: rule === null ? null : { ...rule },
      activeRun: active === null ? null : runView(active, await this.runService.progress(active)),
      lastRun: last === null ? null : runView(last, await this.runService.progress(last)),
      index: await this.indexStats(tenantId),
      backfills: (await this.backfills.latest(tenantId, 5)).map(backfillView),
    };
  }
}
