import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  hasCapability,
  type HostApiClient,
  type OperatorGroupModel,
  type PackageStatus,
  type UserModel,
} from '@switchboard/host-contract';
import { AuditService, systemActor } from '../audit/audit.service.js';
import { type Language, translate } from '../common/i18n/translate.js';
import { InjectEnv } from '../config/config.module.js';
import { type DatabaseDialect, type Env, databaseDialect } from '../config/env.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../cluster/cache-invalidation.events.js';
import { InstallationService } from '../installation/installation.service.js';
import { PackageStatusPusher } from './package-status-pusher.service.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import type { Presence } from './operator-presence.entity.js';
import {
  absenceNote,
  countDelta,
  decidePackageStatus,
  type PackageCounts,
  type PushMode,
  type StatusDecision,
  type WhenAllAway,
} from './package-status-decision.js';
import type { StatusTrigger } from './package-status-change.entity.js';
import { presenceFromOperatorState, type PresenceReport } from './presence.js';
import { RawSql, RollbackToOrm, type RunSql, runIn } from './raw-sql.js';
import { chunks, placeholders, rowInt, rowText, rowTime, sqlTime } from './sql-rows.js';

/** Advisory lock class of package-status work (the tenant's hash is the second key). */
const LOCK_CLASS = 8407;
const MAX_CACHED_TENANTS = 10_000;

/** A package_state row as the counting statements return it. */
interface CountedRow {
  packageId: number;
  counts: PackageCounts;
  whenAllAway: WhenAllAway;
  status: PackageStatus;
  reason: string;
}

/** One decided status change, after its commit. */
export interface PackageStatusChanged {
  tenantId: string;
  packageId: number;
  from: PackageStatus;
  to: PackageStatus;
  reason: string;
  note: string | null;
  trigger: StatusTrigger;
}

interface ChangeCause {
  trigger: StatusTrigger;
  operatorUserId?: number;
}

/** What a sync read from the host. */
interface HostSnapshot {
  mode: PushMode;
  packages: { id: number; name: string | null; userIds: number[] }[];
  presences: PresenceReport[];
}

function countedRow(row: Record<string, unknown>): CountedRow {
  return {
    packageId: rowInt(row['package_id']),
    counts: {
      routed: rowInt(row['routed_count']),
      available: rowInt(row['available_count']),
      away: rowInt(row['away_count']),
    },
    whenAllAway: rowText(row['when_all_away']) === 'offline' ? 'offline' : 'busy',
    status: rowText(row['status']) as PackageStatus,
    reason: rowText(row['reason']) ?? '',
  };
}

/** The columns `countedRow` reads. */
const COUNTED =
  'package_id, routed_count, available_count, away_count, when_all_away, status, reason';

/** Members of the groups, from the groups themselves or, when the host omits them, the users. */
function groupMembers(
  groups: OperatorGroupModel[],
  users: UserModel[] | null,
): Map<number, number[]> {
  const members = new Map<number, number[]>();
  for (const group of groups) members.set(group.id, [...(group.userIds ?? [])]);
  if (users !== null) {
    for (const user of users) {
      for (const groupId of user.groups ?? []) {
        const list = members.get(groupId) ?? [];
        if (!list.includes(user.id)) list.push(user.id);
        members.set(groupId, list);
      }
    }
  }
  return members;
}

/**
 * Setting 7: package status when every routed operator is away.
 *
 * Keeps each operator's presence and, per package, running counts of its routed operators by
 * presence. A status change of one operator is one transaction: lock the operator's row, compare
 * with its last presence, add the difference to the counts of the packages that route to it (one
 * statement over the (tenant, user) routing index, returning the new counts), and decide only
 * those packages. The cost grows with the number of packages of that operator, never with the
 * tenant's size. Routing and every operator's state are re-read from the host by `sync` (at
 * install, on a configuration change, on demand, and periodically on a v1 host), which recounts.
 *
 * Several instances: a status change takes a shared advisory lock on the tenant and a sync an
 * exclusive one (PostgreSQL), so a recount never interleaves with increments; package rows are
 * locked in id order, so two operators' changes cannot deadlock. SQLite has one writer anyway.
 */
@Injectable()
export class PackageStatusService {
  private readonly logger = new Logger(PackageStatusService.name);
  private readonly dialect: DatabaseDialect;
  private readonly postgres: boolean;
  private readonly locales = new Map<string, Language>();
  private readonly raw: RawSql;

  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsCacheService,
    private readonly audit: AuditService,
    private readonly hosts: HostApiClientFactory,
    private readonly installation: InstallationService,
    private readonly pusher: PackageStatusPusher,
    @InjectEnv() env: Env,
  ) {
    this.dialect = databaseDialect(env);
    this.postgres = this.dialect === 'postgresql';
    this.raw = new RawSql(em, this.dialect);
  }

  private time(date: Date): Date | number {
    return sqlTime(this.dialect, date);
  }

  private async lockTenant(run: RunSql, tenantId: string, exclusive: boolean): Promise<void> {
    if (!this.postgres) return;
    const fn = exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
    await run(`select ${fn}(${LOCK_CLASS}, hashtext(?)) as locked`, [tenantId]);
  }

  /** The effective `chat.statusWhenAllAway` of a package (package override → tenant → default). */
  async whenAllAway(tenantId: string, packageId: number): Promise<WhenAllAway> {
    const { values } = (await this.settings.effective(tenantId, String(packageId))).body;
    return values['chat.statusWhenAllAway'];
  }

  /**
   * The tenant's language for notes, read before a transaction opens (SQLite serves one
   * connection: a query from outside the transaction would wait for it forever).
   */
  private async locale(tenantId: string): Promise<Language> {
    const cached = this.locales.get(tenantId);
    if (cached !== undefined) return cached;
    const locale = (await this.installation.findTenant(tenantId))?.locale ?? 'cs';
    if (this.locales.size >= MAX_CACHED_TENANTS) this.locales.clear();
    this.locales.set(tenantId, locale);
    return locale;
  }

  /** A reinstall may change the tenant's language. */
  @OnEvent(CACHE_INVALIDATE)
  onCacheInvalidate(event: CacheInvalidateEvent): void {
    if (event.scope === 'all') this.locales.clear();
    else if (event.scope === 'tenant') this.locales.delete(event.tenantId);
  }

  /**
   * Applies one operator's reported presence and decides the packages it counts for. Idempotent:
   * a repeated or older report changes nothing. Returns the status changes it made.
   */
  async applyPresence(
    tenantId: string,
    report: PresenceReport,
    trigger: StatusTrigger = 'operator_status',
  ): Promise<PackageStatusChanged[]> {
    const locale = await this.locale(tenantId);
    const cause: ChangeCause = { trigger, operatorUserId: report.userId };
    // Most reports change no package's status: the driver-level transaction decides them. One
    // that does is redone on the ORM path, which records history and audit atomically.
    if (this.raw.available) {
      try {
        return await this.raw.transaction((run) =>
          this.presenceIn(run, null, tenantId, report, cause, locale),
        );
      } catch (error) {
        if (!(error instanceof RollbackToOrm)) throw error;
      }
    }
    return this.em
      .fork()
      .transactional((em) => this.presenceIn(runIn(em), em, tenantId, report, cause, locale));
  }

  private async presenceIn(
    run: RunSql,
    em: EntityManager | null,
    tenantId: string,
    report: PresenceReport,
    cause: ChangeCause,
    locale: Language,
  ): Promise<PackageStatusChanged[]> {
    await this.lockTenant(run, tenantId, false);
    const previous = await this.lockOperator(run, tenantId, report.userId);
    if (
      report.changedAt !== null &&
      previous.changedAt !== null &&
      report.changedAt.getTime() < previous.changedAt.getTime()
    ) {
      return [];
    }
    await run(
      `update operator_presence
          set presence = ?, absence_reason_id = ?, absence_reason_name = ?,
              host_changed_at = coalesce(?, host_changed_at), updated_at = ?
        where tenant_id = ? and user_id = ?`,
      [
        report.presence,
        report.absenceReasonId,
        report.absenceReasonName,
        report.changedAt === null ? null : this.time(report.changedAt),
        this.time(new Date()),
        tenantId,
        report.userId,
      ],
    );
    if (previous.presence === report.presence) return [];
    const rows = await this.shiftCounts(run, tenantId, report.userId, previous.presence, report);
    return this.decide(run, em, tenantId, rows, cause, locale);
  }

  /** The operator's row, locked for this transaction; created (offline) when first seen. */
  private async lockOperator(
    run: RunSql,
    tenantId: string,
    userId: number,
  ): Promise<{ presence: Presence; changedAt: Date | null }> {
    const select = `select presence, host_changed_at from operator_presence
                     where tenant_id = ? and user_id = ?${this.postgres ? ' for update' : ''}`;
    let [row] = await run(select, [tenantId, userId]);
    if (row === undefined) {
      await run(
        `insert into operator_presence (tenant_id, user_id, presence, updated_at)
         values (?, ?, 'offline', ?) on conflict (tenant_id, user_id) do nothing`,
        [tenantId, userId, this.time(new Date())],
      );
      [row] = await run(select, [tenantId, userId]);
    }
    return {
      presence: (rowText(row?.['presence']) ?? 'offline') as Presence,
      changedAt: rowTime(row?.['host_changed_at']),
    };
  }

  /** Adds the operator's move to the counts of its packages; returns their new counts. */
  private async shiftCounts(
    run: RunSql,
    tenantId: string,
    userId: number,
    from: Presence,
    report: PresenceReport,
  ): Promise<CountedRow[]> {
    const delta = countDelta(from, report.presence);
    const rows = this.postgres
      ? await run(
          `update package_state p
              set available_count = p.available_count + ?, away_count = p.away_count + ?
             from (select s.id from package_state s
                     join package_route r on r.tenant_id = s.tenant_id and r.package_id = s.package_id
                    where r.tenant_id = ? and r.user_id = ?
                    order by s.id for update of s) locked
            where p.id = locked.id
        returning ${COUNTED.split(', ')
          .map((column) => `p.${column}`)
          .join(', ')}`,
          [delta.available, delta.away, tenantId, userId],
        )
      : await run(
          `update package_state
              set available_count = available_count + ?, away_count = away_count + ?
            where tenant_id = ? and package_id in
                  (select package_id from package_route where tenant_id = ? and user_id = ?)
        returning ${COUNTED}`,
          [delta.available, delta.away, tenantId, tenantId, userId],
        );
    return rows.map(countedRow);
  }

  /**
   * Decides each counted package against its effective setting and records those whose status
   * or reason moved (row, history, audit, push job) in the caller's transaction. Without an
   * EntityManager (the driver-level path) a change rolls back to the ORM path.
   */
  private async decide(
    run: RunSql,
    em: EntityManager | null,
    tenantId: string,
    rows: readonly CountedRow[],
    cause: ChangeCause,
    locale: Language,
  ): Promise<PackageStatusChanged[]> {
    const changes: PackageStatusChanged[] = [];
    const now = new Date();
    for (const row of rows) {
      const decision: StatusDecision = decidePackageStatus(row.counts, row.whenAllAway);
      if (decision.status === row.status && decision.reason === row.reason) continue;
      if (em === null) throw new RollbackToOrm();
      const note =
        decision.reason === 'all_operators_away'
          ? await this.awayNote(run, tenantId, row.packageId, locale)
          : null;
      await run(
        `update package_state set status = ?, reason = ?, note = ?, changed_at = ?
          where tenant_id = ? and package_id = ?`,
        [decision.status, decision.reason, note, this.time(now), tenantId, row.packageId],
      );
      await run(
        `insert into package_status_change
           (tenant_id, package_id, from_status, to_status, reason, note, "trigger", operator_user_id, occurred_at)
         values (${placeholders(9)})`,
        [
          tenantId,
          row.packageId,
          row.status,
          decision.status,
          decision.reason,
          note,
          cause.trigger,
          cause.operatorUserId ?? null,
          this.time(now),
        ],
      );
      await this.audit.record(
        {
          tenantId,
          actor: systemActor,
          action: 'package_status.changed',
          target: { type: 'package', id: String(row.packageId) },
          before: { status: row.status, reason: row.reason },
          after: { status: decision.status, reason: decision.reason, note },
          details: {
            trigger: cause.trigger,
            ...(cause.operatorUserId === undefined ? {} : { operatorUserId: cause.operatorUserId }),
            counts: row.counts,
          },
        },
        em,
      );
      changes.push({
        tenantId,
        packageId: row.packageId,
        from: row.status,
        to: decision.status,
        reason: decision.reason,
        note,
        trigger: cause.trigger,
      });
    }
    if (changes.length > 0 && em !== null) {
      await em.flush();
      await this.pusher.request(tenantId, em);
    }
    return changes;
  }

  /** Which absence reasons the package's away operators picked (only on a change to away). */
  private async awayNote(
    run: RunSql,
    tenantId: string,
    packageId: number,
    locale: Language,
  ): Promise<string | null> {
    const rows = await run(
      `select o.absence_reason_name as name, count(*) as n
         from package_route r
         join operator_presence o on o.tenant_id = r.tenant_id and o.user_id = r.user_id
        where r.tenant_id = ? and r.package_id = ? and o.presence = 'away'
        group by o.absence_reason_name`,
      [tenantId, packageId],
    );
    return absenceNote(
      rows.map((r) => ({
        name: rowText(r['name']),
        count: rowInt(r['n']),
      })),
      translate(locale, 'package_status.no_absence_reason'),
    );
  }

  /**
   * After a change of `chat.statusWhenAllAway`: stores each package's new effective value (read
   * from the settings before the transaction) and re-decides the packages whose value moved.
   * Only packages whose present operators are all away can change status.
   */
  async applySettingChange(tenantId: string): Promise<PackageStatusChanged[]> {
    const locale = await this.locale(tenantId);
    const known = await runIn(this.em.fork())(
      'select package_id from package_state where tenant_id = ?',
      [tenantId],
    );
    const values = await this.effectiveAway(
      tenantId,
      known.map((row) => rowInt(row['package_id'])),
    );
    return this.em.fork().transactional(async (em) => {
      const run = runIn(em);
      await this.lockTenant(run, tenantId, false);
      const moved: number[] = [];
      for (const [packageId, value] of values) {
        const updated = await run(
          `update package_state set when_all_away = ?
            where tenant_id = ? and package_id = ? and when_all_away <> ? returning package_id`,
          [value, tenantId, packageId, value],
        );
        if (updated.length > 0) moved.push(packageId);
      }
      if (moved.length === 0) return [];
      const rows = await run(
        `select ${COUNTED} from package_state
          where tenant_id = ? and package_id in (${placeholders(moved.length)})
          order by id${this.postgres ? ' for update' : ''}`,
        [tenantId, ...moved],
      );
      return this.decide(run, em, tenantId, rows.map(countedRow), { trigger: 'setting' }, locale);
    });
  }

  /** Each package's effective `chat.statusWhenAllAway` (from the per-instance settings cache). */
  private async effectiveAway(
    tenantId: string,
    packageIds: readonly number[],
  ): Promise<Map<number, WhenAllAway>> {
    const values = new Map<number, WhenAllAway>();
    for (const packageId of packageIds) {
      values.set(packageId, await this.whenAllAway(tenantId, packageId));
    }
    return values;
  }

  /** How this tenant's host shows package status: the extension when declared, else v1. */
  async pushMode(tenantId: string): Promise<PushMode> {
    const tenant = await this.installation.requireTenant(tenantId);
    return hasCapability(tenant.capabilities, 'packageStatus') ? 'extension' : 'v1';
  }

  /** Reads packages, routing and operator states from the host. */
  private async readHost(tenantId: string, client: HostApiClient): Promise<HostSnapshot> {
    const mode = await this.pushMode(tenantId);
    const states = await client.getOperatorStates();
    const presences = states.flatMap((state) => {
      const report = presenceFromOperatorState(state);
      return report === null ? [] : [report];
    });
    if (mode === 'v1') {
      // v1 publishes no routing: every enabled operator of the tenant counts for every widget.
      const [widgets, users] = await Promise.all([client.listWidgets(), client.listUsers()]);
      const everyone = users.filter((u) => u.enabled !== false).map((u) => u.id);
      return {
        mode,
        presences,
        packages: widgets.map((w) => ({ id: w.id, name: w.name ?? null, userIds: everyone })),
      };
    }
    const [packages, groups] = await Promise.all([
      client.listPackages(),
      client.listOperatorGroups(),
    ]);
    const users = groups.some((g) => g.userIds == null) ? await client.listUsers() : null;
    const members = groupMembers(groups, users);
    return {
      mode,
      presences,
      packages: packages.map((p) => {
        const ids = new Set<number>(p.userIds ?? []);
        for (const groupId of p.groupIds) for (const id of members.get(groupId) ?? []) ids.add(id);
        return { id: p.id, name: p.name, userIds: [...ids] };
      }),
    };
  }

  /**
   * Re-reads the tenant's packages, routing and operator states from the host, recounts every
   * package and decides them. The host calls happen before the transaction.
   */
  async sync(
    tenantId: string,
    trigger: StatusTrigger = 'sync',
  ): Promise<{ mode: PushMode; changes: PackageStatusChanged[] }> {
    let snapshot: HostSnapshot;
    try {
      snapshot = await this.readHost(tenantId, await this.hosts.forTenant(tenantId));
    } catch (error) {
      await this.recordSyncError(tenantId, error);
      throw error;
    }
    const locale = await this.locale(tenantId);
    const away = await this.effectiveAway(
      tenantId,
      snapshot.packages.map((p) => p.id),
    );
    return this.em.fork().transactional(async (em) => {
      const run = runIn(em);
      await this.lockTenant(run, tenantId, true);
      const now = this.time(new Date());
      await this.storePresences(run, tenantId, snapshot.presences);
      await run('delete from package_route where tenant_id = ?', [tenantId]);
      const routes = snapshot.packages.flatMap((p) => p.userIds.map((userId) => [p.id, userId]));
      for (const chunk of chunks(routes, 3)) {
        await run(
          `insert into package_route (tenant_id, package_id, user_id) values ${chunk
            .map(() => '(?, ?, ?)')
            .join(', ')}`,
          chunk.flatMap(([packageId, userId]) => [tenantId, packageId, userId]),
        );
      }
      const ids = snapshot.packages.map((p) => p.id);
      await run(
        `delete from package_state where tenant_id = ?${
          ids.length === 0 ? '' : ` and package_id not in (${placeholders(ids.length)})`
        }`,
        [tenantId, ...ids],
      );
      for (const chunk of chunks(snapshot.packages, 5)) {
        await run(
          `insert into package_state (tenant_id, package_id, name, when_all_away, changed_at)
           values ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
           on conflict (tenant_id, package_id) do update
             set name = excluded.name, when_all_away = excluded.when_all_away`,
          chunk.flatMap((p) => [tenantId, p.id, p.name, away.get(p.id) ?? 'busy', now]),
        );
      }
      const count = (presence: Presence | null): string =>
        `(select count(*) from package_route r
            ${presence === null ? '' : 'join operator_presence o on o.tenant_id = r.tenant_id and o.user_id = r.user_id'}
           where r.tenant_id = package_state.tenant_id and r.package_id = package_state.package_id
             ${presence === null ? '' : `and o.presence = '${presence}'`})`;
      await run(
        `update package_state set routed_count = ${count(null)}, available_count = ${count(
          'available',
        )}, away_count = ${count('away')} where tenant_id = ?`,
        [tenantId],
      );
      const rows = await run(
        `select ${COUNTED} from package_state where tenant_id = ? order by id`,
        [tenantId],
      );
      const changes = await this.decide(
        run,
        em,
        tenantId,
        rows.map(countedRow),
        { trigger },
        locale,
      );
      await run(
        `insert into package_status_sync (tenant_id, mode, synced_at, last_error, last_error_at)
         values (?, ?, ?, null, null)
         on conflict (tenant_id) do update
           set mode = excluded.mode, synced_at = excluded.synced_at, last_error = null, last_error_at = null`,
        [tenantId, snapshot.mode, now],
      );
      // Also sends what an earlier push left pending.
      await this.pusher.request(tenantId, em);
      return { mode: snapshot.mode, changes };
    });
  }

  /** Upserts every reported presence, keeping a newer one the host reported since. */
  private async storePresences(
    run: RunSql,
    tenantId: string,
    reports: readonly PresenceReport[],
  ): Promise<void> {
    const now = this.time(new Date());
    for (const chunk of chunks(reports, 7)) {
      await run(
        `insert into operator_presence
           (tenant_id, user_id, presence, absence_reason_id, absence_reason_name, host_changed_at, updated_at)
         values ${chunk.map(() => `(${placeholders(7)})`).join(', ')}
         on conflict (tenant_id, user_id) do update
           set presence = excluded.presence, absence_reason_id = excluded.absence_reason_id,
               absence_reason_name = excluded.absence_reason_name,
               host_changed_at = coalesce(excluded.host_changed_at, operator_presence.host_changed_at),
               updated_at = excluded.updated_at
         where operator_presence.host_changed_at is null or excluded.host_changed_at is null
            or excluded.host_changed_at >= operator_presence.host_changed_at`,
        chunk.flatMap((r) => [
          tenantId,
          r.userId,
          r.presence,
          r.absenceReasonId,
          r.absenceReasonName,
          r.changedAt === null ? null : this.time(r.changedAt),
          now,
        ]),
      );
    }
  }

  private async recordSyncError(tenantId: string, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    this.logger.warn({ tenantId, err: error }, 'Reading package routing from the host failed');
    try {
      const mode = await this.pushMode(tenantId);
      const now = this.time(new Date());
      await runIn(this.em.fork())(
        `insert into package_status_sync (tenant_id, mode, last_error, last_error_at)
         values (?, ?, ?, ?)
         on conflict (tenant_id) do update
           set last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
        [tenantId, mode, message, now],
      );
    } catch (recordError) {
      // The tenant is gone (uninstalled meanwhile): nothing to record.
      this.logger.debug({ tenantId, err: recordError }, 'Sync error not recorded');
    }
  }
}
