import { Global, Module } from '@nestjs/common';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { JobStore } from './job-store.js';
import { JobWakeups } from './job-wakeups.js';
import { JobWorker } from './job-worker.service.js';
import { JobsStatsService } from './jobs-stats.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';
import { RecurringJobsService } from './recurring-jobs.service.js';

/**
 * Durable jobs, timers and cron schedules that survive restarts and run once across instances
 * (the database decides who runs what). Global, so that any capability can register handlers and
 * schedule jobs without importing it.
 */
@Global()
@Module({
  controllers: [JobsController],
  providers: [
    JobStore,
    JobWakeups,
    JobHandlerRegistry,
    JobsService,
    JobWorker,
    RecurringJobsService,
    JobsStatsService,
  ],
  exports: [JobsService, JobHandlerRegistry, RecurringJobsService, JobsStatsService, JobWorker],
})
export class JobsModule {}
