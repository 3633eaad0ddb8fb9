import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { hasCapability } from '@switchboard/host-contract';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../cluster/cache-invalidation.events.js';
import { InstallationService } from '../installation/installation.service.js';
import { basicAuthorization, webhookBasicCredentials } from './webhook-credentials.js';

/** What the ingress and the hooks need to authenticate a tenant's host, decrypted once. */
export interface HostTenant {
  tenantId: string;
  /** The host declared `signedWebhooks`: deliveries must carry Standard Webhooks signatures. */
  signedWebhooks: boolean;
  webhookSecret: string;
  /** The Basic `Authorization` value a v1 delivery must carry. */
  basicAuthorization: string;
  locale: 'cs' | 'en';
}

const MAX_TENANTS = 10_000;

/**
 * Per-instance cache of the tenants' webhook credentials, so verifying a delivery costs no query
 * and no decryption. Dropped on reinstall (new secrets or capabilities) and uninstall, on whichever
 * instance they happened (`cache.invalidate`, src/cluster/); a load that raced with such a change
 * is served but not kept.
 */
@Injectable()
export class HostTenantCache {
  private readonly tenants = new Map<string, HostTenant>();
  private readonly generations = new Map<string, number>();
  /** Bumped when everything is dropped, so a load that raced with that is not kept either. */
  private epoch = 0;

  constructor(private readonly installation: InstallationService) {}

  async get(tenantId: string): Promise<HostTenant | null> {
    const cached = this.tenants.get(tenantId);
    if (cached !== undefined) return cached;
    const generation = this.generations.get(tenantId) ?? 0;
    const epoch = this.epoch;
    const tenant = await this.installation.findTenant(tenantId);
    if (tenant === null) return null;
    const { webhookSecret } = await this.installation.secrets(tenantId);
    const entry: HostTenant = {
      tenantId,
      signedWebhooks: hasCapability(tenant.capabilities, 'signedWebhooks'),
      webhookSecret,
      basicAuthorization: basicAuthorization(webhookBasicCredentials(tenantId, webhookSecret)),
      locale: tenant.locale,
    };
    if (this.epoch === epoch && (this.generations.get(tenantId) ?? 0) === generation) {
      if (this.tenants.size >= MAX_TENANTS) this.tenants.clear();
      this.tenants.set(tenantId, entry);
    }
    return entry;
  }

  /** Settings changes do not touch credentials; installs, uninstalls and resyncs do. */
  @OnEvent(CACHE_INVALIDATE)
  onCacheInvalidate(event: CacheInvalidateEvent): void {
    if (event.scope === 'settings') return;
    if (event.scope === 'all') {
      this.tenants.clear();
      this.generations.clear();
      this.epoch += 1;
      return;
    }
    this.tenants.delete(event.tenantId);
    this.generations.set(event.tenantId, (this.generations.get(event.tenantId) ?? 0) + 1);
  }
}
