import { Injectable } from '@nestjs/common';
import type { JobState } from './job.entity.js';
import { JobStore, toDate } from './job-store.js';

export interface JobCount {
  kind: string;
  state: JobState;
  count: number;
}

export interface JobsStats {
  counts: JobCount[];
  /** How long the oldest claimable job has been waiting past its due time (0: none waiting). */
  oldestDueLagMs: number;
}

/**
 * Read-only figures about the job table: counts per kind and state and the lag of the oldest due
 * job, for one tenant (the admin API) or for all (Prometheus gauges; `tenantId` undefined).
 */
@Injectable()
export class JobsStatsService {
  constructor(private readonly store: JobStore) {}

  async stats(tenantId?: string): Promise<JobsStats> {
    const scope = tenantId === undefined ? '' : ` where "tenant_id" = ?`;
    const scopeParams = tenantId === undefined ? [] : [tenantId];
    const rows = await this.store.query(
      `select "kind", "state", count(*) as "n" from "job"${scope} group by "kind", "state" order by "kind", "state"`,
      scopeParams,
    );
    const now = new Date();
    const oldest = await this.store.query(
      `select min("available_at") as "at" from "job" where "state" in ('scheduled', 'running', 'failed') ` +
        `and "available_at" <= ?${tenantId === undefined ? '' : ` and "tenant_id" = ?`}`,
      [this.store.ts(now), ...scopeParams],
    );
    const at = oldest[0]?.['at'];
    return {
      counts: rows.map((row) => ({
        kind: String(row['kind']),
        state: String(row['state']) as JobState,
        count: Number(row['n']),
      })),
      oldestDueLagMs:
        at === null || at === undefined ? 0 : Math.max(0, now.getTime() - toDate(at).getTime()),
    };
  }
}
