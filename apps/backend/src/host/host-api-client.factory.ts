import { setMaxListeners } from 'node:events';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { HostApiClient, type HostApiLogger } from '@switchboard/host-contract';
import { TENANT_INSTALLED, TENANT_UNINSTALLED } from '../installation/installation.events.js';
import { InstallationService } from '../installation/installation.service.js';

/**
 * One HostApiClient per tenant (its token cache, concurrency limit and circuit breaker live in
 * it), built with the credentials decrypted from the secret store. Dropped when the tenant is
 * reinstalled (new credentials) or uninstalled. On shutdown every call in flight and every
 * backoff pause is aborted, so nothing outlives the application.
 */
@Injectable()
export class HostApiClientFactory implements BeforeApplicationShutdown {
  private readonly logger = new Logger('HostApiClient');
  private readonly clients = new Map<string, Promise<HostApiClient>>();
  private readonly shutdown = new AbortController();
  private readonly log: HostApiLogger = {
    info: (fields, message) => this.logger.log(fields, message),
    warn: (fields, message) => this.logger.warn(fields, message),
  };

  constructor(private readonly installation: InstallationService) {
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

  @OnEvent(TENANT_INSTALLED)
  @OnEvent(TENANT_UNINSTALLED)
  drop(event: { tenantId: string }): void {
    this.clients.delete(event.tenantId);
  }

  /** Aborts every call in flight and every backoff pause; later calls fail at once. */
  abortAll(): void {
    this.shutdown.abort();
  }

  beforeApplicationShutdown(): void {
    this.abortAll();
  }
}
