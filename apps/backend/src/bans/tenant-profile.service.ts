import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { hasCapability, type Capability } from '@switchboard/host-contract';
import countriesAndTimezones from 'countries-and-timezones';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../cluster/cache-invalidation.events.js';
import { TenantCache } from '../common/cache/tenant-cache.js';
import { InstallationService } from '../installation/installation.service.js';

/** What the admission and callback decisions need of a tenant, read once per instance. */
export interface TenantProfile {
  tenantId: string;
  /**
   * ISO 3166-1 region a number without a country code is read in: the country of the tenant's
   * time zone (Europe/Prague → CZ), else of its language (cs → CZ); null when neither says.
   */
  region: string | null;
  timeZone: string;
  locale: 'cs' | 'en';
  capabilities: readonly string[];
}

/** The language's country where it has one obvious country; English has none. */
const REGION_BY_LOCALE: Readonly<Record<string, string>> = { cs: 'CZ' };

export function regionOf(timeZone: string, locale: string): string | null {
  const countries = countriesAndTimezones.getTimezone(timeZone)?.countries ?? [];
  // A zone shared by several countries (Europe/Zurich: CH, DE, LI) lists its main one first.
  return countries[0] ?? REGION_BY_LOCALE[locale] ?? null;
}

const MAX_TENANTS = 10_000;

/** Tenant facts (region, time zone, capabilities) cached per instance; dropped on reinstall. */
@Injectable()
export class TenantProfileService {
  private readonly cache = new TenantCache<TenantProfile>(MAX_TENANTS);

  constructor(private readonly installation: InstallationService) {}

  /** The tenant's profile, or null when it is not installed. */
  get(tenantId: string): Promise<TenantProfile | null> {
    return this.cache.get(tenantId, async () => {
      const tenant = await this.installation.findTenant(tenantId);
      if (tenant === null) return null;
      return {
        tenantId,
        region: regionOf(tenant.timeZone, tenant.locale),
        timeZone: tenant.timeZone,
        locale: tenant.locale,
        capabilities: [...tenant.capabilities],
      };
    });
  }

  async has(tenantId: string, capability: Capability): Promise<boolean> {
    const profile = await this.get(tenantId);
    return profile !== null && hasCapability(profile.capabilities, capability);
  }

  /** On every instance; the profile holds nothing derived from settings. */
  @OnEvent(CACHE_INVALIDATE)
  onCacheInvalidate(event: CacheInvalidateEvent): void {
    if (event.scope === 'all') this.cache.invalidateAll();
    else if (event.scope === 'tenant') this.cache.invalidate(event.tenantId);
  }
}
