import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import type { PackageStatus } from '@switchboard/host-contract';
import { translate } from '../common/i18n/translate.js';
import { InjectEnv } from '../config/config.module.js';
import { type DatabaseDialect, type Env, databaseDialect } from '../config/env.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { InstallationService } from '../installation/installation.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { PUSH_KEY, PUSH_KIND } from './package-status-job-kinds.js';
import { type PushMode, pushTarget } from './package-status-decision.js';
import { rowInt, rowText, sqlTime } from './sql-rows.js';

const MAX_ERROR_LENGTH = 2000;

/** SQL for "what the host must show" per row, the same rule as pushTarget(). */
const TARGET_SQL = `case when y.mode = 'v1' then (case when s.status = 'offline' then 'hidden' else 'shown' end) else s.status end`;

interface PendingPush {
  packageId: number;
  status: PackageStatus;
  reason: string;
  note: string | null;
  mode: PushMode;
  target: string;
}

/**
 * Shows the decided package statuses on the host: `PUT /extension/packages/{id}/status` with the
 * reason and note, or on a v1 host the chat button (hidden for offline). What still has to be sent
 * is durable: rows whose `pushed` differs from what their status needs. Each decision schedules
 * the tenant's push job in its own transaction; one job per tenant runs at a time and a request
 * during a run makes it run again, so the last decided status is the last one sent, on any number
 * of instances. A failed push stays pending and the job retries with backoff.
 */
@Injectable()
export class PackageStatusPusher {
  private readonly logger = new Logger(PackageStatusPusher.name);
  private readonly dialect: DatabaseDialect;

  constructor(
    private readonly em: EntityManager,
    private readonly hosts: HostApiClientFactory,
    private readonly installation: InstallationService,
    private readonly jobs: JobsService,
    @InjectEnv() env: Env,
  ) {
    this.dialect = databaseDialect(env);
  }

  /** Schedules the tenant's push (inside `em`'s transaction: only if it commits). */
  async request(tenantId: string, em?: EntityManager): Promise<void> {
    await this.jobs.schedule(
      { kind: PUSH_KIND, tenantId, key: PUSH_KEY, payload: {}, replace: true },
      em,
    );
  }

  /** Sends every pending status of the tenant; returns how many failed. */
  async pushPending(tenantId: string): Promise<number> {
    const em = this.em.fork();
    const rows = (await em.getConnection().execute(
      `select s.package_id, s.status, s.reason, s.note, y.mode, ${TARGET_SQL} as target
         from package_state s join package_status_sync y on y.tenant_id = s.tenant_id
        where s.tenant_id = ? and (s.pushed is null or s.pushed <> ${TARGET_SQL})
        order by s.package_id`,
      [tenantId],
    )) as Record<string, unknown>[];
    if (rows.length === 0) return 0;
    const tenant = await this.installation.findTenant(tenantId);
    if (tenant === null) return 0;
    const client = await this.hosts.forTenant(tenantId);
    let failed = 0;
    for (const row of rows) {
      const push: PendingPush = {
        packageId: rowInt(row['package_id']),
        status: rowText(row['status']) as PackageStatus,
        reason: rowText(row['reason']) ?? '',
        note: rowText(row['note']),
        mode: rowText(row['mode']) as PushMode,
        target: rowText(row['target']) ?? '',
      };
      try {
        if (push.mode === 'extension') {
          await client.setPackageStatus(push.packageId, {
            status: push.status,
            reason: push.reason,
            ...(push.note === null
              ? {}
              : {
                  note: translate(tenant.locale, 'package_status.away_note', {
                    reasons: push.note,
                  }).slice(0, 500),
                }),
          });
        } else {
          await client.setChatButton(push.packageId, push.target === pushTarget('v1', 'online'));
        }
        await this.markPushed(em, tenantId, push, null);
      } catch (error) {
        failed += 1;
        const message = (error instanceof Error ? error.message : String(error)).slice(
          0,
          MAX_ERROR_LENGTH,
        );
        this.logger.warn(
          { tenantId, packageId: push.packageId, err: error },
          'Package status push failed',
        );
        await this.markPushed(em, tenantId, push, message);
      }
    }
    return failed;
  }

  /**
   * Records the outcome, but only while the row still has the status that was sent: a decision
   * made meanwhile stays pending (and scheduled its own run).
   */
  private async markPushed(
    em: EntityManager,
    tenantId: string,
    push: PendingPush,
    error: string | null,
  ): Promise<void> {
    const now = sqlTime(this.dialect, new Date());
    await em.getConnection().execute(
      error === null
        ? `update package_state set pushed = ?, pushed_at = ?, push_error = null
              where tenant_id = ? and package_id = ? and status = ?`
        : `update package_state set push_error = ?
              where tenant_id = ? and package_id = ? and status = ?`,
      error === null
        ? [push.target, now, tenantId, push.packageId, push.status]
        : [error, tenantId, push.packageId, push.status],
      'run',
    );
  }
}
