import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '../jobs/job-handler.registry.js';
import { JobsService } from '../jobs/jobs.service.js';
import { RecurringJobsService } from '../jobs/recurring-jobs.service.js';
import {
  POLL_CRON,
  POLL_NAME,
  PUSH_KIND,
  SYNC_KEY,
  SYNC_KIND,
  type SyncJobPayload,
} from './package-status-job-kinds.js';
import { PackageStatusPusher } from './package-status-pusher.service.js';
import { PackageStatusService } from './package-status.service.js';

/**
 * The durable work of package status: the sync (re-read routing and operator states; on a v1
 * host also every minute, since polling is how it learns absence reasons; elsewhere every quarter
 * hour against missed events) and the push of decided statuses to the host, retried with backoff.
 */
@Injectable()
export class PackageStatusJobs implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlerRegistry,
    private readonly jobs: JobsService,
    private readonly recurring: RecurringJobsService,
    private readonly service: PackageStatusService,
    private readonly pusher: PackageStatusPusher,
  ) {}

  onModuleInit(): void {
    this.handlers.register<SyncJobPayload>(
      SYNC_KIND,
      async (job) => {
        if (job.tenantId === null) return;
        const { mode } = await this.service.sync(job.tenantId, job.payload.trigger);
        await this.recurring.define({
          name: POLL_NAME,
          tenantId: job.tenantId,
          cron: POLL_CRON[mode],
          timeZone: 'UTC',
          kind: SYNC_KIND,
          payload: { trigger: 'sync' } satisfies SyncJobPayload,
        });
      },
      { maxAttempts: 8, backoffMs: 2_000 },
    );
    this.handlers.register(
      PUSH_KIND,
      async (job) => {
        if (job.tenantId === null) return;
        const failed = await this.pusher.pushPending(job.tenantId);
        if (failed > 0) throw new Error(`${failed} package status(es) not shown on the host yet`);
      },
      { maxAttempts: 10, backoffMs: 2_000 },
    );
  }

  /** Re-read the tenant from the host soon; a request during a run makes it run once more. */
  async requestSync(tenantId: string, trigger: SyncJobPayload['trigger']): Promise<void> {
    await this.jobs.schedule({
      kind: SYNC_KIND,
      tenantId,
      key: SYNC_KEY,
      payload: { trigger } satisfies SyncJobPayload,
      replace: true,
    });
  }
}
