import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { InstallationService } from '../installation/installation.service.js';
import {
  type DashboardStats,
  SERIES,
  type SeriesName,
  type StatsQuery,
} from './dashboard.schemas.js';
import { localDate, localDays } from './local-days.js';

/** Entries of one audit action that a series counts, or whose numeric detail it adds up. */
interface AuditCount {
  action: string;
  outcome?: 'success' | 'denied' | 'failed';
  /** Add up this numeric field of `details` instead of counting entries. */
  sumDetail?: string;
}

/**
 * The audit entries each chart counts. These are the capabilities' own action names; the
 * dashboard e2e spec fails when one of them is no longer recorded anywhere in the source.
 */
export const AUDITED_SERIES = {
  // Refused by the admission hook, or ended right after creation on a v1-only host (banned
  // client, blocked callback number).
  sessionsRefused: [
    { action: 'admission.refused' },
    { action: 'ban.enforce' },
    { action: 'callback.block_enforce' },
  ],
  bansCreated: [{ action: 'ban.create' }],
  bansRevoked: [{ action: 'ban.revoke' }],
  // One entry per session; `removed` counts the files the host deleted.
  filesDeleted: [
    { action: 'files.deleted_after_session', outcome: 'success', sumDetail: 'removed' },
  ],
  sessionsAnonymized: [{ action: 'anonymization.session_anonymized' }],
  anonymizationFailed: [{ action: 'anonymization.session_failed' }],
} as const satisfies Partial<Record<SeriesName, readonly AuditCount[]>>;

export const PACKAGE_STATUS_ACTION = 'package_status.changed';

/** The host event of a session that was admitted (the host creates only admitted sessions). */
export const ADMITTED_EVENT = 'SessionCreated';

type Row = Record<string, unknown>;

const toMillis = (value: unknown): number =>
  typeof value === 'number' ? value : new Date(value as string | Date).getTime();

const json = (value: unknown): Record<string, unknown> => {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
};

/**
 * What Switchboard did for a tenant, per day of the tenant's time zone, aggregated from the audit
 * log and the webhook inbox: grouped counts in the database (one indexed range scan per table),
 * the package statuses replayed from their changes.
 */
@Injectable()
export class DashboardService {
  private readonly postgres: boolean;

  constructor(
    private readonly em: EntityManager,
    private readonly installation: InstallationService,
    @InjectEnv() env: Env,
  ) {
    this.postgres = databaseDialect(env) === 'postgresql';
  }

  async stats(tenantId: string, query: StatsQuery, now = new Date()): Promise<DashboardStats> {
    const { timeZone } = await this.installation.requireTenant(tenantId);
    const { dates, bounds } = localDays(
      query.to ?? localDate(now.getTime(), timeZone),
      query.days,
      timeZone,
    );
    const series = Object.fromEntries(SERIES.map((name) => [name, dates.map(() => 0)])) as Record<
      SeriesName,
      number[]
    >;

    await this.countAudited(tenantId, bounds, series);
    await this.countWebhooks(tenantId, bounds, series);
    await this.replayPackageStatus(tenantId, bounds, series);
    return { timeZone, days: dates, series, generatedAt: now.toISOString() };
  }

  private time(date: Date): Date | number {
    return this.postgres ? date : date.getTime();
  }

  /** `case when <column> < b1 then 0 when <column> < b2 then 1 … end`: the local day's index. */
  private dayIndex(column: string, bounds: readonly Date[]): { sql: string; params: unknown[] } {
    const ends = bounds.slice(1);
    return {
      sql: `case ${ends.map((_, i) => `when ${column} < ? then ${i}`).join(' ')} end`,
      params: ends.map((bound) => this.time(bound)),
    };
  }

  private run(sql: string, params: unknown[]): Promise<Row[]> {
    return this.em.getConnection().execute(sql, params, 'all') as Promise<Row[]>;
  }

  private async countAudited(
    tenantId: string,
    bounds: readonly Date[],
    series: Record<SeriesName, number[]>,
  ): Promise<void> {
    const day = this.dayIndex('occurred_at', bounds);
    const range = [tenantId, this.time(bounds[0]!), this.time(bounds.at(-1)!)];
    for (const [name, counts] of Object.entries(AUDITED_SERIES) as [
      SeriesName,
      readonly AuditCount[],
    ][]) {
      for (const count of counts) {
        const measure =
          count.sumDetail === undefined ? 'count(*)' : `sum(${this.detail(count.sumDetail)})`;
        const outcome = count.outcome === undefined ? '' : ' and outcome = ?';
        const rows = await this.run(
          `select ${day.sql} as day, ${measure} as n from audit_entry
            where tenant_id = ? and occurred_at >= ? and occurred_at < ? and action = ?${outcome}
            group by 1`,
          [
            ...day.params,
            ...range,
            count.action,
            ...(count.outcome === undefined ? [] : [count.outcome]),
          ],
        );
        for (const row of rows) {
          const index = Number(row['day']);
          if (index in series[name]) series[name][index]! += Number(row['n'] ?? 0);
        }
      }
    }
  }

  /** A numeric field of the JSON `details` column, in the dialect's own JSON syntax. */
  private detail(field: string): string {
    if (!/^\w+$/.test(field)) throw new Error(`not a detail field name: ${field}`);
    return this.postgres
      ? `coalesce((details->>'${field}')::numeric, 0)`
      : `coalesce(json_extract(details, '$.${field}'), 0)`;
  }

  private async countWebhooks(
    tenantId: string,
    bounds: readonly Date[],
    series: Record<SeriesName, number[]>,
  ): Promise<void> {
    const day = this.dayIndex('received_at', bounds);
    const rows = await this.run(
      `select ${day.sql} as day, count(*) as received,
              sum(case when state = 'dead' then 1 else 0 end) as failed,
              sum(case when attempts > 1 then 1 else 0 end) as retried,
              sum(case when event_type = ? then 1 else 0 end) as admitted
         from inbox
        where tenant_id = ? and received_at >= ? and received_at < ?
        group by 1`,
      [...day.params, ADMITTED_EVENT, tenantId, this.time(bounds[0]!), this.time(bounds.at(-1)!)],
    );
    for (const row of rows) {
      const index = Number(row['day']);
      if (!(index in series.webhooksReceived)) continue;
      series.webhooksReceived[index] = Number(row['received']);
      series.webhooksFailed[index] = Number(row['failed']);
      series.webhooksRetried[index] = Number(row['retried']);
      series.sessionsAdmitted[index] = Number(row['admitted']);
    }
  }

  /**
   * How many packages were busy and offline at the end of each day: each package's status when
   * the range begins (its last change before), then its changes in the range, in order.
   */
  private async replayPackageStatus(
    tenantId: string,
    bounds: readonly Date[],
    series: Record<SeriesName, number[]>,
  ): Promise<void> {
    const start = this.time(bounds[0]!);
    const initial = await this.run(
      `select target_id, "after" from audit_entry
        where id in (select max(id) from audit_entry
                      where tenant_id = ? and action = ? and occurred_at < ?
                      group by target_id)`,
      [tenantId, PACKAGE_STATUS_ACTION, start],
    );
    const changes = await this.run(
      `select target_id, "after", occurred_at from audit_entry
        where tenant_id = ? and action = ? and occurred_at >= ? and occurred_at < ?
        order by occurred_at, id`,
      [tenantId, PACKAGE_STATUS_ACTION, start, this.time(bounds.at(-1)!)],
    );
    const status = new Map<string, unknown>(
      initial.map((row) => [String(row['target_id']), json(row['after'])['status']]),
    );
    let next = 0;
    for (let day = 0; day < bounds.length - 1; day++) {
      const end = bounds[day + 1]!.getTime();
      while (next < changes.length && toMillis(changes[next]!['occurred_at']) < end) {
        const change = changes[next++]!;
        status.set(String(change['target_id']), json(change['after'])['status']);
      }
      const values = [...status.values()];
      series.packagesBusy[day] = values.filter((value) => value === 'busy').length;
      series.packagesOffline[day] = values.filter((value) => value === 'offline').length;
    }
  }
}
