import { setMaxListeners } from 'node:events';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { HostApiClient, type HostApiLogger } from '@switchboard/host-contract';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../cluster/cache-invalidation.events.js';
import { InstallationService } from '../installation/installation.service.js';
import { HostMetrics, isHostApiCallLog } from '../metrics/host-metrics.js';

/**
 * One HostApiClient per tenant (its token cache, concurrency limit and circuit breaker live in
 * it), built with the credentials decrypted from the secret store. Dropped when the tenant is
 * reinstalled (new credentials) or uninstalled, on whichever instance that happened
 * (`cache.invalidate`, src/cluster/). On shutdown every call in flight and every
 * backoff pause is aborted, so nothing outlives the application.
 */
@Injectable()
export class HostApiClientFactory implements BeforeApplicationShutdown {
  private readonly logger = new Logger('HostApiClient');
  private readonly clients = new Map<string, Promise<HostApiClient>>();
  private readonly shutdown = new AbortController();
  /** The client logs one entry per logical call and one per circuit change; metrics tap both. */
  private readonly log: HostApiLogger = {
    info: (fields, message) => {
      this.observe(fields);
      this.logger.log(fields, message);
    },
    warn: (fields, message) => {
      this.observe(fields);
      this.logger.warn(fields, message);
    },
  };

  constructor(
    private readonly installation: InstallationService,
    private readonly metrics: HostMetrics,
  ) {
    // Every pending call and pause of every tenant listens to this one signal.
    setMaxListeners(0, this.shutdown.signal);
  }

  forTenant(tenantId: string): Promise<HostApiClient> {
    let client = this.clients.get(tenantId);
    if (client === undefined) {
      client = this.create(tenantId);
      this.clients.set(tenantId, client);
      // A failed build (tenant gone) must not stick.
      client.catch(() => this.clients.delete(tenantId));
    }
    return client;
  }

  private async create(tenantId: string): Promise<HostApiClient> {
    const tenant = await this.installation.requireTenant(tenantId);
    const secrets = await this.installation.secrets(tenantId);
    const signal = this.shutdown.signal;
    return new HostApiClient({
      baseUrl: tenant.hostApiBaseUrl,
      clientId: secrets.clientId,
      clientSecret: secrets.clientSecret,
      webhookSecret: secrets.webhookSecret,
      tenantId,
      logger: this.log,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
        }),
      sleep: (ms) =>
        new Promise<void>((resolve, reject) => {
          if (signal.aborted) {
            reject(new Error('shutting down'));
            return;
          }
          const onAbort = (): void => {
            clearTimeout(timer);
            reject(new Error('shutting down'));
          };
          const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          }, ms);
          signal.addEventListener('abort', onAbort, { once: true });
        }),
    });
  }

  private observe(fields: object): void {
    if (isHostApiCallLog(fields)) this.metrics.hostApiCall(fields);
    else if ('to' in fields && typeof fields.to === 'string')
      this.metrics.circuitChanged(fields.to);
  }

  /**
   * Settings changes leave the clients alone. A resync drops them all: their credentials may be
   * stale, and their token caches and circuits start over (one token request per tenant).
   */
  @OnEvent(CACHE_INVALIDATE)
  onCacheInvalidate(event: CacheInvalidateEvent): void {
    if (event.scope === 'all') this.clients.clear();
    else if (event.scope === 'tenant') this.clients.delete(event.tenantId);
  }

  /** Aborts every call in flight and every backoff pause; later calls fail at once. */
  abortAll(): void {
    this.shutdown.abort();
  }

  beforeApplicationShutdown(): void {
    this.abortAll();
  }
}
