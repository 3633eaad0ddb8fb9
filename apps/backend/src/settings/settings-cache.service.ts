import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Provenance, SettingKey, SettingValues } from '@switchboard/settings-model';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../cluster/cache-invalidation.events.js';
import { TenantCache } from '../common/cache/tenant-cache.js';
import { effectiveView } from './settings-document.js';
import { contentTag } from './settings-http.js';
import { SettingsService, type SettingsSnapshot } from './settings.service.js';

/** What the host reads: the effective settings of a tenant or of one of its packages. */
export interface EffectiveSettingsBody {
  tenantId: string;
  version: number;
  packageId: string | null;
  values: SettingValues;
  provenance: Record<SettingKey, Provenance>;
}

export interface EffectiveSettingsEntry {
  body: EffectiveSettingsBody;
  /** The exact JSON served, so the strong ETag matches the bytes. */
  json: string;
  etag: string;
}

interface TenantEntry {
  snapshot: SettingsSnapshot;
  byPackage: Map<string, EffectiveSettingsEntry>;
}

/** Bounds so a flood of distinct tenants or package ids cannot grow memory without limit. */
const MAX_TENANTS = 10_000;
const MAX_PACKAGES_PER_TENANT = 1_000;
const TENANT_LEVEL = '';

/**
 * Per-instance cache of effective settings, keyed by tenant (and package), holding the version
 * it was built from. A hit costs no query at all. Every write goes through SettingsService, which
 * emits `settings.updated` synchronously after its transaction commits and before it answers; the
 * cluster bridge turns that into `cache.invalidate`, here at once (so the next read, even the
 * writer's own, reloads) and on the other instances as soon as PostgreSQL delivers the NOTIFY
 * (src/cluster/). A load that raced with a write does not store the older snapshot after the
 * invalidation (see TenantCache).
 */
@Injectable()
export class SettingsCacheService {
  private readonly tenants = new TenantCache<TenantEntry>(MAX_TENANTS);

  constructor(private readonly settings: SettingsService) {}

  async effective(tenantId: string, packageId: string | null): Promise<EffectiveSettingsEntry> {
    const entry = await this.tenants.get(tenantId, () => this.load(tenantId));
    const key = packageId ?? TENANT_LEVEL;
    const cached = entry.byPackage.get(key);
    if (cached !== undefined) return cached;
    const { snapshot } = entry;
    const { values, provenance } = effectiveView(
      snapshot.document,
      snapshot.entitlements,
      packageId,
    );
    const body: EffectiveSettingsBody = {
      tenantId,
      version: snapshot.version,
      packageId,
      values,
      provenance,
    };
    const json = JSON.stringify(body);
    const built = { body, json, etag: contentTag(snapshot.version, json) };
    if (entry.byPackage.size >= MAX_PACKAGES_PER_TENANT) entry.byPackage.clear();
    entry.byPackage.set(key, built);
    return built;
  }

  private async load(tenantId: string): Promise<TenantEntry> {
    return { snapshot: await this.settings.snapshot(tenantId), byPackage: new Map() };
  }

  invalidate(tenantId: string): void {
    this.tenants.invalidate(tenantId);
  }

  /** A settings write, or a reinstall (entitlements may change) or an uninstall, on any instance. */
  @OnEvent(CACHE_INVALIDATE)
  onCacheInvalidate(event: CacheInvalidateEvent): void {
    if (event.scope === 'all') this.tenants.invalidateAll();
    else this.invalidate(event.tenantId);
  }
}
