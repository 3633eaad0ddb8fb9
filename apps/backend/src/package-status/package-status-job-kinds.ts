/** Re-read a tenant's routing and operator states from the host (event, admin, schedule). */
export const SYNC_KIND = 'package-status.sync';
/** Show the tenant's pending package statuses on the host. */
export const PUSH_KIND = 'package-status.push';
/** One of each per tenant: a request during a run makes it run again (`replace`). */
export const SYNC_KEY = 'package-status:sync';
export const PUSH_KEY = 'package-status:push';
/** The recurring re-read: every minute on a v1 host (its only source of absence reasons). */
export const POLL_NAME = 'package-status.poll';
export const POLL_CRON = { v1: '* * * * *', extension: '*/15 * * * *' } as const;

export interface SyncJobPayload {
  trigger: 'routing' | 'sync';
}
