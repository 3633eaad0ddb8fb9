import type { SandboxState } from '../state/sandbox-state.js';
import type { PackageStatus } from '../state/enums.js';
import type { ChatPackage } from '../state/tenant.model.js';

/** Operators a package routes to: its groups' members plus its direct operators. */
export function routedOperatorIds(s: SandboxState, pkg: ChatPackage): number[] {
  const ids = new Set(pkg.userIds);
  for (const group of s.groups)
    if (pkg.groupIds.includes(group.id)) for (const id of group.userIds) ids.add(id);
  return [...ids];
}

/**
 * What the host shows without a plugin: online while a routed operator is online (or busy), busy
 * when the rest are away (the host's "widget state when away" default), offline otherwise.
 */
export function computedPackageStatus(s: SandboxState, pkg: ChatPackage): PackageStatus {
  const operators = s.operators.filter(
    (o) => routedOperatorIds(s, pkg).includes(o.id) && o.enabled,
  );
  if (operators.some((o) => o.status === 'ONLINE' || o.status === 'BUSY')) return 'online';
  if (operators.some((o) => o.status === 'AWAY')) return 'busy';
  return 'offline';
}

export function packageView(s: SandboxState, pkg: ChatPackage): Record<string, unknown> {
  const computed = computedPackageStatus(s, pkg);
  return {
    packageId: pkg.id,
    tenantId: pkg.tenantId,
    name: pkg.name,
    status: pkg.statusOverride?.status ?? computed,
    computedStatus: computed,
    override: pkg.statusOverride,
    groupIds: pkg.groupIds,
    userIds: pkg.userIds,
    routedOperatorIds: routedOperatorIds(s, pkg),
    buttonVisible: pkg.buttonVisible,
  };
}
