import { setMaxListeners } from 'node:events';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  hasCapability,
  isHostApiError,
  type SettingsUpdatedNotification,
} from '@switchboard/host-contract';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { InstallationService } from '../installation/installation.service.js';
import { SETTINGS_UPDATED, type SettingsUpdatedEvent } from './settings.events.js';

/** The host extension capability that asks for change notifications. */
export const SETTINGS_WEBHOOK_CAPABILITY = 'settingsWebhook';

export function notificationFor(event: SettingsUpdatedEvent): SettingsUpdatedNotification {
  return {
    type: 'settings.updated',
    tenantId: event.tenantId,
    version: event.version,
    changedKeys: [...new Set(event.changes.map((change) => change.key))],
    packageIds: [
      ...new Set(
        event.changes.flatMap((change) =>
          change.packageId === undefined ? [] : [change.packageId],
        ),
      ),
    ].sort(),
  };
}

/**
 * Tells the host that a tenant's settings changed, when the host has the `settingsWebhook`
 * capability: a Standard Webhooks-signed POST with the new version and what changed, so the
 * host can refetch the effective settings. Sent through the tenant's HostApiClient, so it is
 * retried (5xx, 429, network errors, with backoff), metered and logged like every host call, and
 * fails fast while the tenant's circuit is open. The signature authenticates it: no bearer token
 * is fetched for it. A notification still failing after the retries is logged and dropped (the
 * host can always poll the effective settings with If-None-Match). Durable, restart-proof
 * delivery would be a job (src/jobs/).
 *
 * Registered by HostModule (which already imports SettingsModule) as it needs the host client.
 */
@Injectable()
export class SettingsWebhookListener implements OnModuleDestroy {
  private readonly logger = new Logger(SettingsWebhookListener.name);
  private readonly shutdown = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly installation: InstallationService,
    private readonly clients: HostApiClientFactory,
  ) {
    // Every notification in flight listens to this one signal.
    setMaxListeners(0, this.shutdown.signal);
  }

  @OnEvent(SETTINGS_UPDATED)
  onSettingsUpdated(event: SettingsUpdatedEvent): void {
    // Not awaited: the writer's response must not wait for the host.
    const delivery = this.deliver(event).catch((error: unknown) => {
      this.logger.error(
        { tenantId: event.tenantId, version: event.version, reason: describe(error) },
        'Settings notification failed',
      );
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Resolves once every notification started so far has been delivered or given up. */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Gives up on notifications still retrying; the client factory aborts their calls after this. */
  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    await this.drain();
  }

  private async deliver(event: SettingsUpdatedEvent): Promise<void> {
    const tenant = await this.installation.findTenant(event.tenantId);
    if (tenant === null || !hasCapability(tenant.capabilities, SETTINGS_WEBHOOK_CAPABILITY)) return;
    const client = await this.clients.forTenant(event.tenantId);
    const sending = client.notifySettingsUpdated(notificationFor(event), {
      // One id for every attempt, so the host can drop a duplicate delivery; unique per write,
      // since versions start over when a tenant is uninstalled and installed again.
      messageId: `msg_settings_${event.eventId}`,
      bearerToken: false,
    });
    try {
      await untilAborted(sending, this.shutdown.signal);
    } catch (error) {
      this.logger.warn(
        {
          tenantId: event.tenantId,
          version: event.version,
          host: safeOrigin(tenant.hostApiBaseUrl),
          attempt: isHostApiError(error) ? error.attempts : null,
          reason: this.shutdown.signal.aborted ? 'shutting down' : describe(error),
        },
        'Settings notification not delivered; giving up',
      );
    }
  }
}

/** The call, or a rejection as soon as the signal aborts (the call itself is aborted later). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new Error('shutting down'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('shutting down'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Scheme, host and port only: a base URL could carry credentials or tokens in other parts. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid url)';
  }
}

/** `HTTP 410`, `network`, `timeout`, `circuit_open`...: never a message that could echo a body. */
function describe(error: unknown): string {
  if (isHostApiError(error)) {
    return error.kind === 'http' && error.status !== null ? `HTTP ${error.status}` : error.kind;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
