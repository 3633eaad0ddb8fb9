import { createHash } from 'node:crypto';

/**
 * The history index never stores the host's tracking id itself: a device is known by a hash of
 * it, scoped to the tenant so that the same browser at two tenants gives two unrelated keys.
 */
export function deviceKey(tenantId: string, trackedId: string): string {
  return createHash('sha256').update(`${tenantId}\n${trackedId}`, 'utf8').digest('hex');
}
