import type { PackageStatus, PACKAGE_STATUS_REASONS } from '@switchboard/host-contract';
import type { Presence } from './operator-presence.entity.js';

export type PackageStatusReason = (typeof PACKAGE_STATUS_REASONS)[number];
export type WhenAllAway = 'busy' | 'offline';
/** How Switchboard shows a status on the host: the extension's status, or v1's chat button. */
export type PushMode = 'extension' | 'v1';

export interface PackageCounts {
  routed: number;
  available: number;
  away: number;
}

export interface StatusDecision {
  status: PackageStatus;
  reason: PackageStatusReason;
}

/**
 * Setting 7. Online while any routed operator is available (online or busy with a client). With
 * none available but someone away, everyone present is away: the package shows the effective
 * `chat.statusWhenAllAway`. Signed-out operators are not present, so nobody available and nobody
 * away is plain offline. Operators the package does not route to are never in the counts.
 */
export function decidePackageStatus(
  counts: PackageCounts,
  whenAllAway: WhenAllAway,
): StatusDecision {
  if (counts.available > 0) return { status: 'online', reason: 'operators_available' };
  if (counts.away > 0) return { status: whenAllAway, reason: 'all_operators_away' };
  return { status: 'offline', reason: 'no_operators_online' };
}

/** How the counts move when an operator goes from one presence to another. */
export function countDelta(from: Presence, to: Presence): { available: number; away: number } {
  const weight = (p: Presence, of: Presence): number => (p === of ? 1 : 0);
  return {
    available: weight(to, 'available') - weight(from, 'available'),
    away: weight(to, 'away') - weight(from, 'away'),
  };
}

/**
 * What the host must show for a status: the status itself through the extension; on a v1 host the
 * chat button, hidden only for `offline` (v1 has no busy).
 */
export function pushTarget(mode: PushMode, status: PackageStatus): string {
  if (mode === 'extension') return status;
  return status === 'offline' ? 'hidden' : 'shown';
}

/** "Oběd ×2, Porada ×1": which absence reasons made everyone away, most common first. */
export function absenceNote(
  reasons: readonly { name: string | null; count: number }[],
  unnamed: string,
): string | null {
  if (reasons.length === 0) return null;
  return [...reasons]
    .sort((a, b) => b.count - a.count || (a.name ?? '').localeCompare(b.name ?? ''))
    .map((r) => `${r.name ?? unnamed} ×${r.count}`)
    .join(', ');
}
