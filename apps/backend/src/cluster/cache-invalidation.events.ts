/**
 * Local event (EventEmitter2) telling the per-instance caches to drop what they hold. The cluster
 * bridge (cache-invalidation.bridge.ts) emits it on EVERY instance, the one that made the change
 * included (there synchronously, inside the domain event, so before the writer is answered), and
 * on the others when PostgreSQL delivers the notification.
 *
 * Caches subscribe to this, never to the domain events (`settings.updated`, `tenant.installed`,
 * `tenant.uninstalled`): those are emitted once, on the instance that made the change, because
 * their other listeners have side effects (audit, notifications to the host) that must run once.
 * Handlers must be synchronous, cheap and must not throw: they run inside the writer's request.
 */
export const CACHE_INVALIDATE = 'cache.invalidate';

export type CacheInvalidateEvent =
  /** The tenant's settings document changed: drop what was derived from its settings. */
  | { scope: 'settings'; tenantId: string }
  /**
   * The tenant was installed, reinstalled (new secrets, capabilities, entitlements, locale, host
   * URL) or uninstalled: drop everything held about it, settings-derived values included.
   */
  | { scope: 'tenant'; tenantId: string }
  /** Anything may have changed (this instance may have missed notifications): drop everything. */
  | { scope: 'all'; tenantId: null };

export type CacheInvalidationScope = CacheInvalidateEvent['scope'];
