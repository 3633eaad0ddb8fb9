import { HttpError } from '../common/http-error.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { PackageStatus } from '../state/enums.js';
import type { ChatPackage, OperatorGroup } from '../state/tenant.model.js';
import type { HostEvent } from '../webhooks/host-event.js';
import { findOperator } from './lookup.js';

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

/**
 * An admin changes who a group holds. The host tells plugins only that its configuration changed
 * (ApplicationSettingChanged carries a name and a scope, never the value); they re-read it.
 */
export function setGroupMembers(
  ctx: SandboxContext,
  group: OperatorGroup,
  userIds: number[],
): void {
  const s = ctx.store.state;
  for (const id of userIds) findOperator(s, id, group.tenantId);
  group.userIds = [...new Set(userIds)];
  ctx.dispatcher.publish(
    configurationChanged(group.tenantId, 'OperatorGroupMembers', { operatorGroupId: group.id }),
  );
  ctx.store.changed();
}

/** An admin changes which groups and operators a package routes to. */
export function setPackageRouting(
  ctx: SandboxContext,
  pkg: ChatPackage,
  routing: { groupIds: number[]; userIds: number[] },
): void {
  const s = ctx.store.state;
  for (const id of routing.groupIds) {
    if (!s.groups.some((g) => g.id === id && g.tenantId === pkg.tenantId)) {
      throw new HttpError(422, 'unknown_group', `Group ${id} is not the tenant's`, 'groupIds');
    }
  }
  for (const id of routing.userIds) findOperator(s, id, pkg.tenantId);
  pkg.groupIds = [...new Set(routing.groupIds)];
  pkg.userIds = [...new Set(routing.userIds)];
  ctx.dispatcher.publish(configurationChanged(pkg.tenantId, 'PackageRouting', {}));
  ctx.store.changed();
}

/** v1 `PUT /Widgets/{id}/chatButton`: what a v1 host offers instead of a package status. */
export function setChatButton(ctx: SandboxContext, pkg: ChatPackage, visible: boolean): void {
  pkg.buttonVisible = visible;
  ctx.store.changed();
}

function configurationChanged(
  tenantId: number,
  name: string,
  scope: { operatorGroupId?: number },
): HostEvent {
  return {
    tenantIds: [tenantId],
    eventType: 'ApplicationSettingChanged',
    entityKey: `configuration:${tenantId}`,
    data: {
      name,
      companyId: null,
      departmentId: tenantId,
      operatorGroupId: scope.operatorGroupId ?? null,
      userId: null,
      routingRuleSetId: null,
    },
  };
}
