/**
 * A per-instance cache of one value per tenant, loaded on a miss and dropped by `invalidate`
 * (on the `cache.invalidate` event, which every instance receives: src/cluster/). A generation counter per tenant
 * stops a load that raced with an invalidation from storing what it read before it: that value
 * is served to its caller (it was current when read) but not kept. Bounded, so a flood of
 * distinct tenant ids cannot grow memory without limit; a load answering null is not kept.
 */
export class TenantCache<T> {
  private readonly entries = new Map<string, T>();
  private readonly generations = new Map<string, number>();
  /** Bumped by `invalidateAll`, so a load that raced with it is not kept either. */
  private epoch = 0;

  constructor(private readonly maxTenants: number) {}

  async get(tenantId: string, load: () => Promise<T>): Promise<T>;
  async get(tenantId: string, load: () => Promise<T | null>): Promise<T | null>;
  async get(tenantId: string, load: () => Promise<T | null>): Promise<T | null> {
    const cached = this.entries.get(tenantId);
    if (cached !== undefined) return cached;
    const generation = this.generations.get(tenantId) ?? 0;
    const epoch = this.epoch;
    const loaded = await load();
    if (
      loaded !== null &&
      this.epoch === epoch &&
      (this.generations.get(tenantId) ?? 0) === generation
    ) {
      if (this.entries.size >= this.maxTenants) {
        const oldest = this.entries.keys().next();
        if (oldest.done !== true) this.entries.delete(oldest.value);
      }
      this.entries.set(tenantId, loaded);
    }
    return loaded;
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }

  /** Drops every tenant (a cluster notification may have been missed: nothing can be trusted). */
  invalidateAll(): void {
    this.entries.clear();
    this.generations.clear();
    this.epoch += 1;
  }
}
