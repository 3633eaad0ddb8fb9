import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/errors/api-error.js';
import type { ListQuery } from '../common/rest/list-query.js';
import { OperatorPresence } from './operator-presence.entity.js';
import { PackageRoute } from './package-route.entity.js';
import { PackageState } from './package-state.entity.js';
import { PackageStatusChange, type StatusTrigger } from './package-status-change.entity.js';
import { type PushMode, pushTarget } from './package-status-decision.js';
import { PackageStatusSync } from './package-status-sync.entity.js';
import type {
  ChangeFilter,
  PackageFilter,
  PackageStatusDetail,
  PackageStatusView,
  StatusChangeView,
  SyncStateView,
} from './package-status.schemas.js';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** The read side of package status for the panel: current statuses, one package, the history. */
@Injectable()
export class PackageStatusQueries {
  constructor(private readonly em: EntityManager) {}

  private async mode(em: EntityManager, tenantId: string): Promise<PushMode | null> {
    const sync = await em.findOne(PackageStatusSync, { tenant: tenantId });
    return sync === null ? null : (sync.mode as PushMode);
  }

  private view(row: PackageState, mode: PushMode | null): PackageStatusView {
    const confirmed = mode !== null && row.pushed === pushTarget(mode, row.status);
    return {
      id: row.packageId,
      packageId: row.packageId,
      name: row.name,
      status: row.status,
      reason: row.reason,
      note: row.note,
      changedAt: row.changedAt.toISOString(),
      counts: { routed: row.routedCount, available: row.availableCount, away: row.awayCount },
      whenAllAway: row.whenAllAway,
      push: {
        state: confirmed ? 'confirmed' : row.pushError === null ? 'pending' : 'failed',
        pushedAt: iso(row.pushedAt),
        error: confirmed ? null : row.pushError,
      },
    };
  }

  async list(
    tenantId: string,
    query: ListQuery<PackageFilter>,
  ): Promise<{ rows: PackageStatusView[]; total: number }> {
    const em = this.em.fork();
    const where: FilterQuery<PackageState> = {
      tenant: tenantId,
      ...(query.filter.status === undefined ? {} : { status: query.filter.status }),
    };
    const [rows, total] = await em.findAndCount(PackageState, where, {
      orderBy: [{ [query.sort.field]: query.sort.order }, { packageId: 'ASC' }],
      offset: query.range.offset,
      limit: query.range.limit,
    });
    const mode = await this.mode(em, tenantId);
    return { rows: rows.map((row) => this.view(row, mode)), total };
  }

  /** One package with its routed operators and their presence; 404 for a package not known. */
  async detail(tenantId: string, packageId: number): Promise<PackageStatusDetail> {
    const em = this.em.fork();
    const row = await em.findOne(PackageState, { tenant: tenantId, packageId });
    if (row === null) {
      throw new ApiError({
        status: 404,
        code: 'package_not_found',
        messageKey: 'package_status.package_not_found',
        params: { packageId },
      });
    }
    const routes = await em.find(
      PackageRoute,
      { tenant: tenantId, packageId },
      { orderBy: { userId: 'ASC' } },
    );
    const userIds = routes.map((route) => route.userId);
    const presences = new Map(
      (userIds.length === 0
        ? []
        : await em.find(OperatorPresence, { tenant: tenantId, userId: { $in: userIds } })
      ).map((p) => [p.userId, p]),
    );
    return {
      ...this.view(row, await this.mode(em, tenantId)),
      operators: userIds.map((userId) => {
        const presence = presences.get(userId);
        return {
          userId,
          presence: presence?.presence ?? 'offline',
          absenceReasonId: presence?.absenceReasonId ?? null,
          absenceReasonName: presence?.absenceReasonName ?? null,
          changedAt: iso(presence?.hostChangedAt ?? null),
        };
      }),
    };
  }

  async changes(
    tenantId: string,
    query: ListQuery<ChangeFilter>,
  ): Promise<{ rows: StatusChangeView[]; total: number }> {
    const where: FilterQuery<PackageStatusChange> = {
      tenant: tenantId,
      ...(query.filter.packageId === undefined ? {} : { packageId: query.filter.packageId }),
      ...(query.filter.trigger === undefined ? {} : { trigger: query.filter.trigger }),
    };
    const [rows, total] = await this.em.fork().findAndCount(PackageStatusChange, where, {
      orderBy: [{ [query.sort.field]: query.sort.order }, { id: query.sort.order }],
      offset: query.range.offset,
      limit: query.range.limit,
    });
    return {
      rows: rows.map((row) => ({
        id: row.id,
        packageId: row.packageId,
        from: row.fromStatus as StatusChangeView['from'],
        to: row.toStatus as StatusChangeView['to'],
        reason: row.reason,
        note: row.note,
        trigger: row.trigger satisfies StatusTrigger,
        operatorUserId: row.operatorUserId,
        occurredAt: row.occurredAt.toISOString(),
      })),
      total,
    };
  }

  async syncState(tenantId: string): Promise<SyncStateView> {
    const sync = await this.em.fork().findOne(PackageStatusSync, { tenant: tenantId });
    return {
      mode: sync === null ? null : (sync.mode as PushMode),
      syncedAt: iso(sync?.syncedAt ?? null),
      lastError: sync?.lastError ?? null,
      lastErrorAt: iso(sync?.lastErrorAt ?? null),
    };
  }
}
