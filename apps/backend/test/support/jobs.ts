import { JobHandlerRegistry, type JobKindOptions } from '../../src/jobs/job-handler.registry.js';
import type { JobState } from '../../src/jobs/job.entity.js';
import { type JobView, JobsService } from '../../src/jobs/jobs.service.js';
import { eventually } from './host-deliveries.js';
import type { TestApp } from './test-app.js';

/** Waits until the job reaches one of the states (default: done or dead) and returns it. */
export function waitForJob(
  t: TestApp,
  id: number,
  states: JobState[] = ['done', 'dead'],
  timeoutMs = 10_000,
): Promise<JobView> {
  const jobs = t.app.get(JobsService);
  return eventually(
    async () => {
      const job = await jobs.get(id);
      return job !== null && states.includes(job.state) ? job : undefined;
    },
    timeoutMs,
    `job ${id} to be ${states.join(' or ')}`,
  );
}

export interface RecordedRun {
  id: number;
  key: string | null;
  tenantId: string | null;
  payload: unknown;
  attempt: number;
}

/**
 * Registers a handler of a fresh kind that records every run and behaves as `behave` says
 * (throwing fails the attempt). Returns the kind and the runs seen so far.
 */
export function recordingKind(
  t: TestApp,
  name: string,
  behave: (run: RecordedRun) => void | Promise<void> = () => undefined,
  options: JobKindOptions = {},
): { kind: string; runs: RecordedRun[] } {
  const kind = `test.${name}`;
  const runs: RecordedRun[] = [];
  t.app.get(JobHandlerRegistry).register(
    kind,
    async (job) => {
      const run = {
        id: job.id,
        key: job.key,
        tenantId: job.tenantId,
        payload: job.payload,
        attempt: job.attempt,
      };
      runs.push(run);
      await behave(run);
    },
    options,
  );
  return { kind, runs };
}
