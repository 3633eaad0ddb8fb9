/**
 * A per-instance cache of one value per tenant, loaded on a miss and dropped by `invalidate`
 * (on the tenant's install, uninstall or settings events). A generation counter per tenant
 * stops a load that raced with an invalidation from storing what it read before it: that value
 * is served to its caller (it was current when read) but not kept. Bounded, so a flood of
 * distinct tenant ids cannot grow memory without limit; a load answering null is not kept.
 */
export class TenantCache<T> {
  private readonly entries = new Map<string, T>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly maxTenants: number) {}

  async get(tenantId: string, load: () => Promise<T>): Promise<T>;
  async get(tenantId: string, load: () => Promise<T | null>): Promise<T | null>;
  async get(tenantId: string, load: () => Promise<T | null>): Promise<T | null> {
    const cached = this.entries.get(tenantId);
    if (cached !== undefined) return cached;
    const generation = this.generations.get(tenantId) ?? 0;
    const loaded = await load();
    if (loaded !== null && (this.generations.get(tenantId) ?? 0) === generation) {
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
}
