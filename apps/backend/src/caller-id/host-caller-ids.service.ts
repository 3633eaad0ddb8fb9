import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { hasCapability } from '@switchboard/host-contract';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../cluster/cache-invalidation.events.js';
import { InstallationService } from '../installation/installation.service.js';

/** A list younger than this is served as is; an older one is served while a refresh runs. */
const FRESH_MS = 5 * 60_000;
const MAX_TENANTS = 10_000;

export interface HostCallerId {
  /** E.164 without separators. */
  number: string;
  label: string | null;
  isDefault: boolean;
}

export interface HostCallerIdList {
  /** false: the host has no caller-ID extension (a v1 host); `numbers` is then empty. */
  available: boolean;
  numbers: HostCallerId[];
  fetchedAt: Date;
}

interface Entry {
  list: HostCallerIdList | null;
  error: string | null;
  refreshing: Promise<void> | null;
  generation: number;
}

/** The host's spelling of a number, compacted the way settings store them (E.164). */
export function compactNumber(text: string): string {
  return text.replace(/[\s().-]/g, '');
}

/**
 * The tenant's caller IDs as the host lists them (`GET /extension/caller-ids`), cached per
 * instance: fresh for five minutes, then served stale while one refresh runs, dropped on
 * reinstall and uninstall (on every instance). A caller that cannot wait (the outbound-call hook, inside the host's
 * time budget) bounds its wait and gets null when nothing is known yet.
 */
@Injectable()
export class HostCallerIdsService {
  private readonly logger = new Logger(HostCallerIdsService.name);
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly hosts: HostApiClientFactory,
    private readonly installation: InstallationService,
  ) {}

  /** The list, refreshed when stale; waits at most `maxWaitMs` for a first fetch (null then). */
  async get(
    tenantId: string,
    options: { maxWaitMs?: number; refresh?: boolean } = {},
  ): Promise<{ list: HostCallerIdList | null; error: string | null }> {
    let entry = this.entries.get(tenantId);
    if (entry === undefined) {
      if (this.entries.size >= MAX_TENANTS) this.entries.clear();
      entry = { list: null, error: null, refreshing: null, generation: 0 };
      this.entries.set(tenantId, entry);
    }
    const stale =
      options.refresh === true ||
      entry.list === null ||
      Date.now() - entry.list.fetchedAt.getTime() > FRESH_MS;
    if (stale) entry.refreshing ??= this.refresh(tenantId, entry);
    if (entry.list === null || options.refresh === true) {
      const refreshing = entry.refreshing;
      if (refreshing !== null) {
        const wait = options.maxWaitMs;
        if (wait === undefined) {
          await refreshing;
        } else {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            refreshing,
            new Promise<void>((resolve) => (timer = setTimeout(resolve, wait))),
          ]);
          clearTimeout(timer);
        }
      }
    }
    return { list: entry.list, error: entry.error };
  }

  private async refresh(tenantId: string, entry: Entry): Promise<void> {
    const generation = entry.generation;
    try {
      const tenant = await this.installation.requireTenant(tenantId);
      let list: HostCallerIdList;
      if (hasCapability(tenant.capabilities, 'callerIds')) {
        const numbers = await (await this.hosts.forTenant(tenantId)).listCallerIds();
        list = {
          available: true,
          fetchedAt: new Date(),
          numbers: numbers.map((item) => ({
            number: compactNumber(item.callerId),
            label: item.label ?? null,
            isDefault: item.isDefault,
          })),
        };
      } else {
        list = { available: false, numbers: [], fetchedAt: new Date() };
      }
      if (entry.generation === generation) {
        entry.list = list;
        entry.error = null;
      }
    } catch (error) {
      this.logger.warn({ tenantId, err: error }, 'Reading caller IDs from the host failed');
      if (entry.generation === generation) {
        entry.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      entry.refreshing = null;
    }
  }

  /** A reinstall may bring another host, capabilities or credentials: read the list again. */
  @OnEvent(CACHE_INVALIDATE)
  onCacheInvalidate(event: CacheInvalidateEvent): void {
    if (event.scope === 'settings') return;
    const dropped =
      event.scope === 'all' ? [...this.entries.values()] : [this.entries.get(event.tenantId)];
    for (const entry of dropped) if (entry !== undefined) entry.generation += 1;
    if (event.scope === 'all') this.entries.clear();
    else this.entries.delete(event.tenantId);
  }
}
