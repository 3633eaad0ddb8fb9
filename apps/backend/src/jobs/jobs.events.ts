import type { JobState } from './job.entity.js';

/** Emitted (EventEmitter2) after each attempt is recorded; tests and metrics listen to it. */
export const JOB_SETTLED = 'jobs.settled';

export interface JobSettledEvent {
  id: number;
  kind: string;
  tenantId: string | null;
  key: string | null;
  attempt: number;
  /** scheduled: replaced during the run, runs again; cancelled: cancelled during a failed run. */
  state: JobState | 'cancelled';
  error: string | null;
}
