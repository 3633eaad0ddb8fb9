import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Counter, Gauge } from 'prom-client';
import { JOB_STATES } from '../jobs/job.entity.js';
import { JOB_SETTLED, type JobSettledEvent } from '../jobs/jobs.events.js';
import { type JobsStats, JobsStatsService } from '../jobs/jobs-stats.service.js';
import { MetricsService } from './metrics.service.js';

/**
 * The durable jobs as Prometheus sees them: counts per kind and state and the lag of the oldest
 * due job, read from the job table at scrape time (the same figures on every instance: aggregate
 * them with max, not sum), and the attempts this instance ran, by kind and outcome.
 */
@Injectable()
export class JobsMetrics {
  private readonly logger = new Logger(JobsMetrics.name);
  private readonly attempts: Counter<'kind' | 'outcome'>;
  /** The query in flight: both gauges are collected at once and share it (one query a scrape). */
  private inflight: Promise<JobsStats | null> | undefined;

  constructor(
    metrics: MetricsService,
    private readonly jobs: JobsStatsService,
  ) {
    const read = (): Promise<JobsStats | null> => this.stats();
    metrics.gauge({
      name: 'switchboard_jobs',
      help: 'Jobs in the job table by kind and state (the whole table, not this instance)',
      labelNames: ['kind', 'state'],
      async collect(this: Gauge<'kind' | 'state'>) {
        const stats = await read();
        this.reset();
        const kinds = new Set(stats?.counts.map((row) => row.kind));
        // Every state of every kind present, zeros included, so `dead > 0` alerts have a series.
        for (const kind of kinds) for (const state of JOB_STATES) this.set({ kind, state }, 0);
        for (const row of stats?.counts ?? [])
          this.set({ kind: row.kind, state: row.state }, row.count);
      },
    });
    metrics.gauge({
      name: 'switchboard_jobs_oldest_due_lag_seconds',
      help: 'How long the oldest due job has waited past its due time (0: none waiting)',
      async collect(this: Gauge) {
        const stats = await read();
        this.reset();
        if (stats !== null) this.set(stats.oldestDueLagMs / 1000);
      },
    });
    this.attempts = metrics.counter({
      name: 'switchboard_job_attempts_total',
      help: 'Job attempts this instance finished, by kind and the state they left the job in',
      labelNames: ['kind', 'outcome'],
    });
  }

  @OnEvent(JOB_SETTLED)
  settled(event: JobSettledEvent): void {
    this.attempts.inc({ kind: event.kind, outcome: event.state });
  }

  private stats(): Promise<JobsStats | null> {
    this.inflight ??= this.jobs
      .stats()
      // A scrape while the database is down still answers (the readiness probe tells why).
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Job figures unavailable for the metrics');
        return null;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}
