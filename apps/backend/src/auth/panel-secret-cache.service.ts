import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../cluster/cache-invalidation.events.js';
import { TenantCache } from '../common/cache/tenant-cache.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { secretContext } from '../installation/installation.service.js';
import { TenantSecret } from '../installation/tenant-secret.entity.js';
import { Tenant } from '../installation/tenant.entity.js';

/** What verifying a host JWT needs of its tenant. */
export interface PanelTokenKey {
  tenantId: string;
  /** The tenant's panelTokenSecret, decrypted: the HS256 key. */
  secret: string;
  /** The tenant's locale, for principals whose token names none. */
  locale: 'cs' | 'en';
}

/**
 * The panel token key of each tenant, decrypted once (only that secret, not the tenant's other
 * credentials) and kept until an install or uninstall event of the tenant drops it. Unknown
 * tenants are not cached: a token naming one costs a query, never memory. Like the settings
 * cache this is per instance, and hears of installs on every instance through `cache.invalidate`
 * (src/cluster/).
 */
@Injectable()
export class PanelSecretCache {
  private readonly keys = new TenantCache<PanelTokenKey>(10_000);

  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
  ) {}

  /** The key of an installed tenant, or null when the tenant is not installed. */
  keyOf(tenantId: string): Promise<PanelTokenKey | null> {
    return this.keys.get(tenantId, () => this.load(tenantId));
  }

  private async load(tenantId: string): Promise<PanelTokenKey | null> {
    const em = this.em.fork();
    const [tenant, sealed] = await Promise.all([
      em.findOne(Tenant, { id: tenantId }, { fields: ['id', 'locale'] }),
      em.findOne(TenantSecret, { tenant: tenantId, name: 'panelTokenSecret' }),
    ]);
    if (tenant === null || sealed === null) return null;
    return {
      tenantId,
      secret: this.box.open(sealed, secretContext(tenantId, 'panelTokenSecret')),
      locale: tenant.locale,
    };
  }

  /** A reinstall rotates the secret (and may change the locale); an uninstall removes it. */
  @OnEvent(CACHE_INVALIDATE)
  onCacheInvalidate(event: CacheInvalidateEvent): void {
    if (event.scope === 'all') this.keys.invalidateAll();
    else if (event.scope === 'tenant') this.keys.invalidate(event.tenantId);
  }
}
